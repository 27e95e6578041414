import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { KpisModule } from '../kpis/kpis.module';
import { WallboardPublisher } from './wallboard-publisher.service';
import { WallboardController } from './wallboard.controller';
import { WallboardService } from './wallboard.service';

@Module({
  imports: [DepartmentsModule, KpisModule],
  controllers: [WallboardController],
  providers: [WallboardService, WallboardPublisher],
  exports: [WallboardService],
})
export class WallboardModule {}
