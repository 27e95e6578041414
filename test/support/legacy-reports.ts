/**
 * The reports as they were computed before issue 20 part 5 (commit f0ca3bf, apps/api/src/insight/reports/reports.service.ts),
 * kept as the reference the new path must agree with: every candidate row read and the figures computed in JS by the
 * KPI formulas, the keywords cut from each text. One change: the old read of the week's texts had no ORDER BY (its
 * order, which breaks ties between keywords, was the query plan's: the created_at index or the primary key, the same
 * for tickets registered through the API); here it is ORDER BY created_at, id, as the new path documents.
 */
import { CONFIDENTIAL_MASK, type DepartmentDto, type UnresolvedItem, type UnresolvedReportDto, type WeeklyReportDto } from '@hotline/contracts';
import {
  computeKpis,
  computeKpisByDepartment,
  evaluatedAt,
  maskPhone,
  maskPhonesInText,
  parseShanghaiDay,
  shanghaiDate,
  shanghaiDayRange,
  shanghaiWeekRange,
  topKeywords,
  type TimeRange,
} from '@hotline/domain';
import { readKpiCallbacks, readKpiTickets, type RunQuery } from '../../apps/api/src/live/kpis/kpi-queries';
import { CLOCK_RUNNING } from '../../apps/api/src/sla/sla-kinds';
import { segmenter } from '../../apps/api/src/understanding/text/segmenter';

function day(date: string | undefined, now: Date): TimeRange {
  return date === undefined ? shanghaiDayRange(now) : parseShanghaiDay(date)!;
}

export async function legacyUnresolved(query: RunQuery, departments: DepartmentDto[], date: string | undefined, now: Date): Promise<UnresolvedReportDto> {
  const d = day(date, now);
  const asOf = evaluatedAt(d, now);
  const cols = `id, no, created_at, urgency, category, department_id, status, sla_state, due_at, urge_count, content, address,
      caller_name, caller_phone, confidential, replied_at, closed_at, breach_count`;
  const rows: Array<Record<string, any>> = await query(
    `SELECT ${cols} FROM tickets WHERE status IN (?) AND created_at < ?
       UNION
       SELECT ${cols} FROM tickets WHERE updated_at >= ? AND created_at < ?`,
    [CLOCK_RUNNING, asOf, asOf, asOf],
  );
  const names = new Map(departments.map((x) => [x.id, x.name]));
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
        breachCount: Number(r.breach_count),
        content: maskPhonesInText(r.content),
        address: r.address,
        callerName: r.confidential ? CONFIDENTIAL_MASK : r.caller_name,
        callerPhone: r.confidential ? CONFIDENTIAL_MASK : maskPhone(r.caller_phone),
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ticketId - b.ticketId);
  return {
    date: shanghaiDate(d.from),
    asOf: asOf.toISOString(),
    total: items.length,
    overdue: items.filter((i) => Date.parse(i.dueAt) <= asOf.getTime() || i.breachCount > 0).length,
    items,
  };
}

export async function legacyWeekly(query: RunQuery, deps: DepartmentDto[], week: string | undefined, now: Date): Promise<WeeklyReportDto> {
  const range = shanghaiWeekRange(day(week, now).from);
  const asOf = evaluatedAt(range, now);
  const [tickets, callbacks, contents, open] = await Promise.all([
    readKpiTickets(query, range, now),
    readKpiCallbacks(query, range),
    query('SELECT department_id, content FROM tickets WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id', [range.from, range.to]) as Promise<
      Array<{ department_id: number | null; content: string }>
    >,
    query(
      `SELECT department_id, COUNT(*) AS n, SUM(sla_state = 'breached') AS breached FROM tickets
         WHERE status IN ('dispatched', 'accepted') GROUP BY department_id`,
      [],
    ) as Promise<Array<{ department_id: number; n: string | number; breached: string | number }>>,
  ]);
  const byDept = computeKpisByDepartment(
    tickets,
    callbacks,
    range,
    now,
    deps.map((d) => d.id),
  );
  const openBy = new Map(open.map((r) => [Number(r.department_id), r]));
  const textsBy = new Map<number, string[]>();
  for (const c of contents) {
    if (c.department_id === null) continue;
    const list = textsBy.get(Number(c.department_id)) ?? [];
    list.push(c.content);
    textsBy.set(Number(c.department_id), list);
  }
  const terms = (text: string) => segmenter().terms(text);
  return {
    week: shanghaiDate(range.from),
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    asOf: asOf.toISOString(),
    totals: {
      ...computeKpis(tickets, callbacks, range, now),
      keywords: topKeywords(
        contents.map((c) => c.content),
        20,
        terms,
      ),
    },
    departments: deps.map((d) => ({
      departmentId: d.id,
      code: d.code,
      name: d.name,
      kpis: byDept.get(d.id)!,
      openNow: Number(openBy.get(d.id)?.n ?? 0),
      breachedNow: Number(openBy.get(d.id)?.breached ?? 0),
      keywords: topKeywords(textsBy.get(d.id) ?? [], 10, terms),
    })),
  };
}
