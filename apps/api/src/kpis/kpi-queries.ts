import type { KpiCallback, KpiTicket, TimeRange } from '@hotline/domain';
import { CLOCK_RUNNING } from '../sla/sla-kinds';

/** Runs one SQL statement and answers its rows: a TypeORM replica runner in the API, a mysql2 pool in a worker thread. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

const COLUMNS = `id, status, department_id, created_at, dispatched_at, dispatch_count, accepted_at, accept_due_at, replied_at,
  due_at, closed_at, duplicate_of_id, breach_count`;

export interface KpiRow extends KpiTicket {
  id: number;
}

// mysql2 already gives Dates (dateStrings off): keep them, thousands of rows a snapshot
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));

/**
 * What the KPI formulas (libs/domain kpi.ts) need for a period: a superset of every cohort, found by index only. Every
 * cohort event of the period (registration, dispatch, sign-for, reply, close) updates the ticket, so the tickets
 * updated since the period began hold them all; a deadline passing updates nothing, so the running tickets due in the
 * period are added. The formulas then pick exactly. `now` bounds the deadlines read: one still ahead cannot have been
 * missed yet.
 */
export async function readKpiTickets(query: RunQuery, p: TimeRange, now: Date): Promise<KpiRow[]> {
  const rows = await query(
    `SELECT ${COLUMNS} FROM tickets WHERE updated_at >= ? AND created_at < ?
     UNION ALL
     SELECT ${COLUMNS} FROM tickets WHERE status IN (?) AND due_at >= ? AND due_at <= ? AND dispatch_count > 0`,
    [p.from, p.to, CLOCK_RUNNING, p.from, p.to < now ? p.to : now],
  );
  const byId = new Map<number, KpiRow>();
  for (const r of rows) {
    byId.set(Number(r.id), {
      id: Number(r.id),
      status: r.status as KpiRow['status'],
      departmentId: r.department_id === null ? null : Number(r.department_id),
      createdAt: date(r.created_at)!,
      dispatchedAt: date(r.dispatched_at),
      dispatchCount: Number(r.dispatch_count),
      acceptedAt: date(r.accepted_at),
      acceptDueAt: date(r.accept_due_at),
      repliedAt: date(r.replied_at),
      dueAt: date(r.due_at)!,
      closedAt: date(r.closed_at),
      duplicateOfId: r.duplicate_of_id === null ? null : Number(r.duplicate_of_id),
      breachCount: Number(r.breach_count ?? 0),
    });
  }
  return [...byId.values()];
}

/** Callbacks (回访) recorded in the period: satisfied ones close the ticket, an unsatisfied one reopens it. */
export async function readKpiCallbacks(query: RunQuery, p: TimeRange): Promise<KpiCallback[]> {
  const rows = await query(
    `SELECT e.at, e.to_status, t.department_id FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.action = 'callback' AND e.at >= ? AND e.at < ?`,
    [p.from, p.to],
  );
  return rows.map((r) => ({ at: date(r.at)!, satisfied: r.to_status === 'closed', departmentId: r.department_id === null ? null : Number(r.department_id) }));
}

/**
 * Dispatches to and returns (退单) by each department recorded in the period, from the audit trail (the department
 * is in each line's data: a return takes the ticket away from it).
 */
export async function readDispatchesAndReturns(query: RunQuery, p: TimeRange): Promise<Map<number, { dispatches: number; returns: number }>> {
  const rows = await query(
    `SELECT action, JSON_UNQUOTE(JSON_EXTRACT(data, '$.departmentId')) AS department_id, COUNT(*) AS n FROM ticket_events
     WHERE action IN ('dispatch', 'return') AND at >= ? AND at < ? GROUP BY action, department_id`,
    [p.from, p.to],
  );
  const out = new Map<number, { dispatches: number; returns: number }>();
  for (const r of rows) {
    const id = Number(r.department_id);
    if (!Number.isInteger(id) || id <= 0) continue;
    const x = out.get(id) ?? { dispatches: 0, returns: 0 };
    if (r.action === 'dispatch') x.dispatches += Number(r.n);
    else x.returns += Number(r.n);
    out.set(id, x);
  }
  return out;
}
