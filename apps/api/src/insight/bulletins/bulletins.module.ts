import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { RankingsModule } from '../rankings/rankings.module';
import { BulletinsController } from './bulletins.controller';
import { BulletinsRepository } from './bulletins.repository';
import { BulletinsService } from './bulletins.service';

@Module({ imports: [DepartmentsModule, RankingsModule], controllers: [BulletinsController], providers: [BulletinsRepository, BulletinsService] })
export class BulletinsModule {}
