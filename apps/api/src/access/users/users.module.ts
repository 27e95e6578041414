import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({ imports: [DepartmentsModule], controllers: [UsersController], providers: [UsersRepository, UsersService], exports: [UsersRepository] })
export class UsersModule {}
