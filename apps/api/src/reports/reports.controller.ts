import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UnresolvedReportDto, WeeklyReportDto } from '@hotline/contracts';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/decorators';
import { toCsv, toXlsx, unresolvedTable, weeklyTables } from './report-files';
import { UnresolvedReportQuery, WeeklyReportQuery } from './report-query.dto';
import { ReportsService } from './reports.service';
import { WeeklyReports } from './weekly-reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('supervisor', 'admin', 'leader')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly weeklyReports: WeeklyReports,
  ) {}

  @Get('unresolved')
  @ApiOperation({ summary: '当日未解决问题: tickets registered by the end of the day and not replied to by then, most overdue first; json, csv or xlsx' })
  async unresolved(@Query() q: UnresolvedReportQuery, @Res({ passthrough: true }) res: FastifyReply): Promise<UnresolvedReportDto | Buffer> {
    const report = await this.reports.unresolved(q.date);
    return send(res, q.format, report, () => [unresolvedTable(report)], `unresolved-${report.date}`);
  }

  @Get('weekly')
  @ApiOperation({ summary: 'Weekly summary per department: volumes, KPIs (docs/kpis.md), overdue, top problem keywords; json, csv or xlsx' })
  async weekly(@Query() q: WeeklyReportQuery, @Res({ passthrough: true }) res: FastifyReply): Promise<WeeklyReportDto | Buffer> {
    const report = await this.weeklyReports.weekly(q.week);
    return send(res, q.format, report, () => weeklyTables(report), `weekly-${report.week}`);
  }
}

async function send<T>(res: FastifyReply, format: string | undefined, report: T, tables: () => Parameters<typeof toCsv>[0], name: string): Promise<T | Buffer> {
  if (!format || format === 'json') return report;
  res.header('content-disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') {
    res.header('content-type', 'text/csv; charset=utf-8');
    return toCsv(tables());
  }
  res.header('content-type', XLSX);
  return toXlsx(tables());
}
