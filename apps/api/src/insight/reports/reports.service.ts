import { BadRequestException, Injectable } from '@nestjs/common';
import type { DepartmentDto, UnresolvedReportDto, WeeklyReportDto } from '@hotline/contracts';
import { evaluatedAt, parseShanghaiDay, shanghaiDayRange, shanghaiWeekRange, type TimeRange } from '@hotline/domain';
import { ReadReplica } from '../../platform/database/read-replica';
import { DepartmentsService } from '../../casework/departments/departments.service';
import type { ReportReader } from './report-sql';
import { readUnresolved, unresolvedReport } from './unresolved-report';
import { weeklyReport } from './weekly-report';

/** The Asia/Shanghai day named `date` (default today); 400 naming the parameter when it is not a real date. */
export function reportDay(date: string | undefined, now: Date, what: string): TimeRange {
  if (date === undefined) return shanghaiDayRange(now);
  const range = parseShanghaiDay(date);
  if (!range) throw new BadRequestException(`${what} must be a real date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  if (range.from > now) throw new BadRequestException(`${what} ${date} is in the future`);
  return range;
}

/** The reports' computations over a reader: the API's replica here, the report thread's own pool there. */
export class ReportComputations {
  constructor(
    private readonly reader: ReportReader,
    private readonly departments: () => DepartmentDto[],
  ) {}

  async unresolved(date: string | undefined, now = new Date()): Promise<UnresolvedReportDto> {
    const day = reportDay(date, now, 'date');
    const asOf = evaluatedAt(day, now);
    const rows = await readUnresolved(this.reader, asOf);
    return unresolvedReport(rows, day.from, asOf, new Map(this.departments().map((d) => [d.id, d.name])));
  }

  async weekly(week: string | undefined, now = new Date()): Promise<WeeklyReportDto> {
    const range = shanghaiWeekRange(reportDay(week, now, 'week').from);
    return weeklyReport(this.reader.query, this.departments(), range, now);
  }
}

/**
 * The reports the centre hands to its leadership: 当日未解决问题 and the weekly summary per department, computed
 * here on the event loop only when the report thread is not built (ReportThread); reports may be a few seconds
 * stale: they read from a replica when there is one (README, DATABASE_REPLICA_URLS).
 */
@Injectable()
export class ReportsService extends ReportComputations {
  constructor(replica: ReadReplica, departments: DepartmentsService) {
    super({ query: replica.run, snapshot: (fn) => replica.snapshot(fn) }, () => departments.all());
  }
}
