import { WallboardRepository } from './wallboard.repository';
import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { IncidentsModule } from '../../insight/incidents/incidents.module';
import { KpisModule } from '../kpis/kpis.module';
import { RankingsModule } from '../../insight/rankings/rankings.module';
import { WallboardPublisher } from './wallboard-publisher.service';
import { WallboardController } from './wallboard.controller';
import { WallboardService } from './wallboard.service';

@Module({
  imports: [DepartmentsModule, KpisModule, RankingsModule, IncidentsModule],
  controllers: [WallboardController],
  providers: [WallboardRepository, WallboardService, WallboardPublisher],
  exports: [WallboardService],
})
export class WallboardModule {}
