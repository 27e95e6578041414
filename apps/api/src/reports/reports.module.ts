import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { KpisModule } from '../kpis/kpis.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { WeeklyReports } from './weekly-reports.service';

@Module({ imports: [DepartmentsModule, KpisModule], controllers: [ReportsController], providers: [ReportsService, WeeklyReports] })
export class ReportsModule {}
