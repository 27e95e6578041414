import { BadRequestException, Injectable } from '@nestjs/common';
import { CONFIDENTIAL_MASK, type UnresolvedItem, type UnresolvedReportDto, type WeeklyReportDto } from '@hotline/contracts';
import {
  computeKpis, computeKpisByDepartment, evaluatedAt, maskPhone, maskPhonesInText, parseShanghaiDay, shanghaiDate, shanghaiDayRange, shanghaiWeekRange,
  topKeywords, type TimeRange,
} from '@hotline/domain';
import { ReadReplica } from '../database/read-replica';
import { DepartmentsService } from '../departments/departments.service';
import { KpiSource } from '../kpis/kpi-source.service';
import { CLOCK_RUNNING } from '../sla/sla-kinds';
import { segmenter } from '../text/segmenter';

const KEYWORDS_PER_DEPARTMENT = 10;
const KEYWORDS_TOTAL = 20;

/** The reports the centre hands to its leadership: 当日未解决问题 and the weekly summary per department. */
@Injectable()
export class ReportsService {
  constructor(
    /** Reports may be a few seconds stale: they read from a replica when there is one (README, DATABASE_REPLICA_URLS). */
    private readonly replica: ReadReplica,
    private readonly departments: DepartmentsService,
    private readonly kpiSource: KpiSource,
  ) {}

  /** The Asia/Shanghai day named `date` (default today); 400 naming the parameter when it is not a real date. */
  private day(date: string | undefined, now: Date, what: string): TimeRange {
    if (date === undefined) return shanghaiDayRange(now);
    const range = parseShanghaiDay(date);
    if (!range) throw new BadRequestException(`${what} must be a real date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (range.from > now) throw new BadRequestException(`${what} ${date} is in the future`);
    return range;
  }

  async unresolved(date: string | undefined, now = new Date()): Promise<UnresolvedReportDto> {
    const day = this.day(date, now, 'date');
    const asOf = evaluatedAt(day, now);
    // Unresolved at asOf: registered before it, replied and closed (if at all) after it. Candidates by index: the
    // running tickets, and those touched since asOf (they may have been running then).
    const cols = `id, no, created_at, urgency, category, department_id, status, sla_state, due_at, urge_count, content, address,
      caller_name, caller_phone, confidential, replied_at, closed_at`;
    const rows: Array<Record<string, any>> = await this.replica.query(
      `SELECT ${cols} FROM tickets WHERE status IN (?) AND created_at < ?
       UNION
       SELECT ${cols} FROM tickets WHERE updated_at >= ? AND created_at < ?`,
      [CLOCK_RUNNING, asOf, asOf, asOf],
    );
    const names = new Map(this.departments.all().map((d) => [d.id, d.name]));
    const items: UnresolvedItem[] = rows
      .filter((r) => (r.replied_at === null || new Date(r.replied_at) >= asOf) && (r.closed_at === null || new Date(r.closed_at) >= asOf))
      .map((r) => {
        const dueAt = new Date(r.due_at);
        const departmentId = r.department_id === null ? null : Number(r.department_id);
        return {
          ticketId: Number(r.id),
          no: r.no,
          createdAt: new Date(r.created_at).toISOString(),
          urgency: r.urgency,
          category: r.category,
          departmentId,
          departmentName: departmentId === null ? null : (names.get(departmentId) ?? null),
          status: r.status,
          slaState: r.sla_state,
          dueAt: dueAt.toISOString(),
          overdueHours: Math.max(0, Math.round(((asOf.getTime() - dueAt.getTime()) / 3600_000) * 100) / 100),
          urgeCount: Number(r.urge_count),
          content: maskPhonesInText(r.content),
          address: r.address,
          callerName: r.confidential ? CONFIDENTIAL_MASK : r.caller_name,
          callerPhone: r.confidential ? CONFIDENTIAL_MASK : maskPhone(r.caller_phone),
        };
      })
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ticketId - b.ticketId);
    return {
      date: shanghaiDate(day.from),
      asOf: asOf.toISOString(),
      total: items.length,
      overdue: items.filter((i) => Date.parse(i.dueAt) <= asOf.getTime()).length,
      items,
    };
  }

  async weekly(week: string | undefined, now = new Date()): Promise<WeeklyReportDto> {
    const range = shanghaiWeekRange(this.day(week, now, 'week').from);
    const asOf = evaluatedAt(range, now);
    const deps = this.departments.all();
    const [tickets, callbacks, contents, open] = await Promise.all([
      this.kpiSource.tickets(range),
      this.kpiSource.callbacks(range),
      this.replica.query<Array<{ department_id: number | null; content: string }>>('SELECT department_id, content FROM tickets WHERE created_at >= ? AND created_at < ?', [range.from, range.to]),
      this.replica.query<Array<{ department_id: number; n: string | number; breached: string | number }>>(
        `SELECT department_id, COUNT(*) AS n, SUM(sla_state = 'breached') AS breached FROM tickets
         WHERE status IN ('dispatched', 'accepted') GROUP BY department_id`,
      ),
    ]);
    const byDept = computeKpisByDepartment(tickets, callbacks, range, now, deps.map((d) => d.id));
    const openBy = new Map(open.map((r) => [Number(r.department_id), r]));
    const textsBy = new Map<number, string[]>();
    for (const c of contents) {
      if (c.department_id === null) continue;
      const list = textsBy.get(Number(c.department_id)) ?? [];
      list.push(c.content);
      textsBy.set(Number(c.department_id), list);
    }
    return {
      week: shanghaiDate(range.from),
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      asOf: asOf.toISOString(),
      totals: { ...computeKpis(tickets, callbacks, range, now), keywords: topKeywords(contents.map((c) => c.content), KEYWORDS_TOTAL, (text) => segmenter().terms(text)) },
      departments: deps.map((d) => ({
        departmentId: d.id,
        code: d.code,
        name: d.name,
        kpis: byDept.get(d.id)!,
        openNow: Number(openBy.get(d.id)?.n ?? 0),
        breachedNow: Number(openBy.get(d.id)?.breached ?? 0),
        keywords: topKeywords(textsBy.get(d.id) ?? [], KEYWORDS_PER_DEPARTMENT, (text) => segmenter().terms(text)),
      })),
    };
  }
}
