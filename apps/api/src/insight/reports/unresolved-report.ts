import { CONFIDENTIAL_MASK, type UnresolvedItem, type UnresolvedReportDto } from '@hotline/contracts';
import { maskPhone, maskPhonesInText, shanghaiDate } from '@hotline/domain';
import { bindNamed, type RunQuery } from '../../live/kpis/kpi-queries';
import { CLOCK_RUNNING } from '../../sla/sla-kinds';
import { OVERDUE_AT, UNRESOLVED_AT, type ReportReader } from './report-sql';

/** Rows read per statement once the candidates are known, in primary-key order. */
const CHUNK = 5_000;
/** A DATETIME(3) as JavaScript's toISOString writes it (the columns hold UTC): no Date per row and column here. */
const iso = (column: string) => `CONCAT(LEFT(DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z')`;
const COLUMNS = `id, no, ${iso('created_at')} AS created_at, urgency, category, department_id, status, sla_state, ${iso('due_at')} AS due_at, urge_count,
  content, address, caller_name, caller_phone, confidential, breach_count, ${OVERDUE_AT} AS overdue`;

/**
 * The tickets unresolved at `asOf`. Candidates, from indexes only: the running tickets, and those touched since asOf
 * (they may have been running then; ix_tickets_kpi holds created_at beside updated_at). Their rows are then read in
 * primary-key order, a chunk at a time, and UNRESOLVED_AT applied: the table's pages are visited once each, in order,
 * rather than once per ticket in index order (9.5 s against ~1 s for the 80,000 running among 1,000,000 of
 * bench/scale with MariaDB's default 128 MiB buffer pool). One snapshot: the candidates and the rows agree.
 */
export async function readUnresolved(reader: ReportReader, asOf: Date): Promise<Array<Record<string, any>>> {
  return reader.snapshot(async (query: RunQuery) => {
    const ids = (
      await query(
        `SELECT id FROM tickets WHERE status IN (?)
       UNION SELECT id FROM tickets FORCE INDEX (ix_tickets_kpi) WHERE updated_at >= ? AND created_at < ?`,
        [CLOCK_RUNNING, asOf, asOf],
      )
    )
      .map((r) => Number(r.id))
      .sort((a, b) => a - b);
    const rows: Array<Record<string, any>> = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      rows.push(...(await query(...bindNamed(`SELECT ${COLUMNS} FROM tickets WHERE id IN (:ids) AND ${UNRESOLVED_AT}`, { ids: ids.slice(i, i + CHUNK), asOf }))));
    }
    return rows;
  });
}

/** The report of `day` as of `asOf`: the rows (times as ISO text) as items, earliest deadline first (then ticket id). */
export function unresolvedReport(rows: Array<Record<string, any>>, dayFrom: Date, asOf: Date, names: Map<number, string>): UnresolvedReportDto {
  // ISO times of one length sort as the times do
  const sorted = rows
    .map((r) => ({ r, dueAt: r.due_at as string, due: Date.parse(r.due_at), id: Number(r.id) }))
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id - b.id));
  const items: UnresolvedItem[] = sorted.map(({ r, dueAt, due }) => {
    const departmentId = r.department_id === null ? null : Number(r.department_id);
    return {
      ticketId: Number(r.id),
      no: r.no,
      createdAt: r.created_at,
      urgency: r.urgency,
      category: r.category,
      departmentId,
      departmentName: departmentId === null ? null : (names.get(departmentId) ?? null),
      status: r.status,
      slaState: r.sla_state,
      dueAt,
      overdueHours: Math.max(0, Math.round(((asOf.getTime() - due) / 3600_000) * 100) / 100),
      urgeCount: Number(r.urge_count),
      breachCount: Number(r.breach_count),
      content: maskPhonesInText(r.content),
      address: r.address,
      callerName: r.confidential ? CONFIDENTIAL_MASK : r.caller_name,
      callerPhone: r.confidential ? CONFIDENTIAL_MASK : maskPhone(r.caller_phone),
    };
  });
  return {
    date: shanghaiDate(dayFrom),
    asOf: asOf.toISOString(),
    total: items.length,
    overdue: rows.filter((r) => Number(r.overdue) === 1).length,
    items,
  };
}
