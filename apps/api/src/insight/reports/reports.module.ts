import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { ReportsController } from './reports.controller';
import { ReportThread } from './report-thread.service';
import { ReportsService } from './reports.service';

@Module({ imports: [DepartmentsModule], controllers: [ReportsController], providers: [ReportsService, ReportThread] })
export class ReportsModule {}
