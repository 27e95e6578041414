import { emptyKpiCounts, evaluatedAt, type KpiCallback, type KpiTicket, type KpiCounts, type TimeRange } from '@hotline/domain';
import { CLOCK_RUNNING } from '../../sla/sla-kinds';

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
 * The reference read, no longer on any request path (the wallboard and the reports count in SQL, tallyKpis below): the
 * tests and bench/ranking run the formulas over these rows to prove the SQL counts equal.
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

/** Callbacks (回访) recorded in the period: satisfied ones close the ticket, an unsatisfied one reopens it (the reference read, as above). */
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

/** `:name` placeholders to mysql2's `?`, with their values in order. */
export function bindNamed(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const text = sql.replace(/:([a-zA-Z]+)\b/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    params.push(values[name]);
    return '?';
  });
  return [text, params];
}

const inP = (c: string) => `(${c} >= :from AND ${c} < :to)`;
const RECEIVED = inP('created_at');
const DISPATCHED = `${inP('dispatched_at')} AND department_id IS NOT NULL`;

/**
 * The KPI formulas' ticket counts (libs/domain kpi.ts `count`) as SQL conditions over a ticket row, for a period
 * [:from, :to) seen at :at (its end, or now). A comparison with NULL is not true, as in the formulas.
 */
export const TALLY_SQL: Record<Exclude<keyof KpiCounts, 'callbacks' | 'satisfied'>, string> = {
  received: RECEIVED,
  completed: `${RECEIVED} AND closed_at <= :at`,
  direct: `${RECEIVED} AND closed_at <= :at AND dispatch_count = 0`,
  repeat: `${RECEIVED} AND duplicate_of_id IS NOT NULL`,
  closed: inP('closed_at'),
  dispatched: DISPATCHED,
  acceptDecided: `${DISPATCHED} AND (accepted_at <= :at OR accept_due_at <= :at)`,
  acceptOnTime: `${DISPATCHED} AND accepted_at <= :at AND accepted_at <= accept_due_at`,
  replyDecided: `dispatch_count > 0 AND (${inP('replied_at')} OR (replied_at IS NULL AND status <> 'closed' AND ${inP('due_at')} AND due_at <= :at))`,
  // a ticket that missed any deadline of its life is late, even if a later (reopened, extended) one was met
  replyOnTime: `dispatch_count > 0 AND ${inP('replied_at')} AND replied_at <= due_at AND breach_count = 0`,
};

/** Tallies by department (null: held by none) of one set of tickets, counted by the database. */
async function tallyWhere(query: RunQuery, from: string, where: string, values: Record<string, unknown>, into: Map<number | null, KpiCounts>): Promise<void> {
  const counts = Object.entries(TALLY_SQL)
    .map(([k, cond]) => `COUNT(CASE WHEN ${cond} THEN 1 END) AS \`${k}\``)
    .join(',\n  ');
  const rows = await query(...bindNamed(`SELECT department_id, ${counts} FROM ${from} WHERE ${where} GROUP BY department_id`, values));
  for (const r of rows) {
    const id = r.department_id === null ? null : Number(r.department_id);
    const t = into.get(id) ?? emptyKpiCounts();
    for (const k of Object.keys(TALLY_SQL) as Array<keyof typeof TALLY_SQL>) t[k] += Number(r[k]);
    into.set(id, t);
  }
}

/**
 * The KPI counts of period P by the department holding each ticket (null: none), aggregated in SQL: the same tickets
 * as readKpiTickets (updated since P began, or running with a deadline in P), the first set from the covering index
 * ix_tickets_kpi, the second from (status, due_at) without the first; and the callbacks recorded in P.
 */
export async function tallyKpis(query: RunQuery, p: TimeRange, now: Date): Promise<Map<number | null, KpiCounts>> {
  const values = { from: p.from, to: p.to, at: evaluatedAt(p, now), running: CLOCK_RUNNING };
  const byDepartment = new Map<number | null, KpiCounts>();
  const touched = 'updated_at >= :from AND created_at < :to';
  await tallyWhere(query, 'tickets FORCE INDEX (ix_tickets_kpi)', touched, values, byDepartment);
  await tallyWhere(
    query,
    'tickets FORCE INDEX (ix_tickets_status_due)',
    `status IN (:running) AND due_at >= :from AND due_at <= :at AND dispatch_count > 0 AND NOT (${touched})`,
    values,
    byDepartment,
  );
  // each callback line with the department holding its ticket now (kept by triggers, migration 1765300000000): no join
  const callbacks = await query(
    `SELECT department_id, COUNT(*) AS callbacks, SUM(satisfied) AS satisfied
     FROM ticket_callbacks WHERE at >= ? AND at < ? GROUP BY department_id`,
    [p.from, p.to],
  );
  for (const r of callbacks) {
    const id = r.department_id === null ? null : Number(r.department_id);
    const t = byDepartment.get(id) ?? emptyKpiCounts();
    t.callbacks += Number(r.callbacks);
    t.satisfied += Number(r.satisfied);
    byDepartment.set(id, t);
  }
  return byDepartment;
}
