import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UnresolvedReportDto, WeeklyReportDto } from '@hotline/contracts';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Roles } from '../../access/auth/decorators';
import { toCsv, toXlsx, weeklyTables } from './report-files';
import { UnresolvedReportQuery, WeeklyReportQuery } from './report-query.dto';
import { ReportThread } from './report-thread.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', xlsx: XLSX };

@ApiTags('reports')
@ApiBearerAuth()
@Roles('supervisor', 'admin', 'leader')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportThread) {}

  @Get('unresolved')
  @ApiOperation({ summary: '当日未解决问题: tickets registered by the end of the day and not replied to by then, most overdue first; json, csv or xlsx (streamed)' })
  async unresolved(@Query() q: UnresolvedReportQuery, @Res({ passthrough: true }) res: FastifyReply): Promise<UnresolvedReportDto | Buffer | Readable> {
    const format = q.format ?? 'json';
    const file = await this.reports.unresolved(q.date, format);
    if (format !== 'json') res.header('content-disposition', `attachment; filename="unresolved-${file.date}.${format}"`);
    res.header('content-type', TYPES[format]);
    return file.body as UnresolvedReportDto | Buffer | Readable;
  }

  @Get('weekly')
  @ApiOperation({ summary: 'Weekly summary per department: volumes, KPIs (docs/kpis.md), overdue, top problem keywords; json, csv or xlsx' })
  async weekly(@Query() q: WeeklyReportQuery, @Res({ passthrough: true }) res: FastifyReply): Promise<WeeklyReportDto | Buffer> {
    const report = await this.reports.weekly(q.week);
    if (!q.format || q.format === 'json') return report;
    res.header('content-disposition', `attachment; filename="weekly-${report.week}.${q.format}"`);
    res.header('content-type', TYPES[q.format]);
    return q.format === 'csv' ? toCsv(weeklyTables(report)) : toXlsx(weeklyTables(report));
  }
}
