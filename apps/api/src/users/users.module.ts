import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [DepartmentsModule], controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
