import { emptyKpiCounts, evaluatedAt, type BacklogTally, type DepartmentMoves, type KpiCounts, type TimeRange } from '@hotline/domain';
import type { RunQuery } from './kpi-queries';

/** What one department did in a period: the counts the KPI formulas divide, its dispatches and returns, its 积案 progress. */
export interface DepartmentCounts {
  counts: KpiCounts;
  moves: DepartmentMoves;
  /** 积案 on the register at P's start, added and cleared in P (libs/domain backlogTally; `now` is not counted here). */
  backlog: Pick<BacklogTally, 'atStart' | 'added' | 'cleared'>;
}

/** Runs `tasks` at most `parallel` at a time (MariaDB gives one core to a statement: a few at once use the machine). */
export type RunLimited = <T>(task: () => Promise<T>) => Promise<T>;

const DAY_MS = 24 * 3600_000;

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Each statement below is one cohort of the formulas in libs/domain kpi.ts (`count()` and KPI_FORMULAS), written as
 * the same predicates over the same columns, counted per department by MySQL. Every one reads a covering index that
 * starts with the department (migration 1765100000000): the IN list of departments makes one range per department,
 * read in index order, so the GROUP BY streams without a temporary table and no table row is touched. FORCE INDEX
 * because the optimizer otherwise prefers walking ix_tickets_department for the GROUP BY (a row lookup per ticket:
 * 23 s for a month of 1,000,000). `?` order: the departments first, then as written.
 */
const RECEIVED = `SELECT department_id AS d, COUNT(*) AS received,
    SUM(CASE WHEN closed_at <= ? THEN 1 ELSE 0 END) AS completed,
    SUM(CASE WHEN closed_at <= ? AND dispatch_count = 0 THEN 1 ELSE 0 END) AS direct,
    SUM(CASE WHEN duplicate_of_id IS NOT NULL THEN 1 ELSE 0 END) AS repeats
  FROM tickets FORCE INDEX (ix_tickets_department_created)
  WHERE department_id IN (?) AND created_at >= ? AND created_at < ? GROUP BY department_id`;

const CLOSED = `SELECT department_id AS d, COUNT(*) AS closed FROM tickets FORCE INDEX (ix_tickets_department_closed)
  WHERE department_id IN (?) AND closed_at >= ? AND closed_at < ? GROUP BY department_id`;

const DISPATCHED = `SELECT department_id AS d, COUNT(*) AS dispatched,
    SUM(CASE WHEN accepted_at <= ? OR accept_due_at <= ? THEN 1 ELSE 0 END) AS accept_decided,
    SUM(CASE WHEN accepted_at <= ? AND accepted_at <= accept_due_at THEN 1 ELSE 0 END) AS accept_on_time
  FROM tickets FORCE INDEX (ix_tickets_department_dispatched)
  WHERE department_id IN (?) AND dispatched_at >= ? AND dispatched_at < ? GROUP BY department_id`;

// on time: by the deadline and never breached one before (issue 14: a reopened or redirected ticket is not forgiven)
const REPLIED = `SELECT department_id AS d, COUNT(*) AS replied, SUM(CASE WHEN replied_at <= due_at AND breach_count = 0 THEN 1 ELSE 0 END) AS reply_on_time
  FROM tickets FORCE INDEX (ix_tickets_department_replied)
  WHERE department_id IN (?) AND replied_at >= ? AND replied_at < ? AND dispatch_count > 0 GROUP BY department_id`;

// not replied, not closed, deadline in P and passed by then: the same index, its replied_at IS NULL part
const UNREPLIED_OVERDUE = `SELECT department_id AS d, COUNT(*) AS overdue FROM tickets FORCE INDEX (ix_tickets_department_replied)
  WHERE department_id IN (?) AND replied_at IS NULL AND due_at >= ? AND due_at < ? AND due_at <= ? AND status <> 'closed' AND dispatch_count > 0
  GROUP BY department_id`;

// a callback counts for the department holding its ticket now: ticket_callbacks has each callback line with that
// department, kept by triggers as the line is written and as the ticket changes hands (migration 1765300000000);
// satisfied = it closed the ticket. A range of (department, at, satisfied) per department, no join.
const CALLBACKS = `SELECT department_id AS d, COUNT(*) AS callbacks, SUM(satisfied) AS satisfied
  FROM ticket_callbacks FORCE INDEX (ix_ticket_callbacks_department_at)
  WHERE department_id IN (?) AND at >= ? AND at < ? GROUP BY department_id`;

/**
 * 积案 progress (libs/domain backlog.ts backlogTally, by the department holding the ticket now). The register's entry
 * is the earlier of registration + the age limit and backlog_since, compared without forming it: "entry < X" is
 * "created_at < X − limit OR backlog_since < X" (X − limit computed here, so the range stays on the column),
 * "entry <= closed_at" is "closed_at >= created_at + limit OR closed_at >= backlog_since". Candidates (WHERE): on the
 * register before P's end (or now) and open at P's start (open now or closed since), so at_start needs only the entry
 * test. Read from ix_tickets_department_backlog alone (migration 1765300000000).
 */
const ENTRY_BEFORE = '(created_at < ? OR (backlog_since IS NOT NULL AND backlog_since < ?))';
const CLOSED_AFTER_ENTRY = '(closed_at >= created_at + INTERVAL ? MICROSECOND OR (backlog_since IS NOT NULL AND closed_at >= backlog_since))';
const BACKLOG = `SELECT department_id AS d,
    SUM(CASE WHEN ${ENTRY_BEFORE} THEN 1 ELSE 0 END) AS at_start,
    SUM(CASE WHEN NOT ${ENTRY_BEFORE} AND (closed_at IS NULL OR ${CLOSED_AFTER_ENTRY}) THEN 1 ELSE 0 END) AS added,
    SUM(CASE WHEN closed_at >= ? AND closed_at < ? AND ${CLOSED_AFTER_ENTRY} THEN 1 ELSE 0 END) AS cleared
  FROM tickets FORCE INDEX (ix_tickets_department_backlog)
  WHERE ${ENTRY_BEFORE} AND department_id IN (?) AND (closed_at IS NULL OR closed_at >= ?) GROUP BY department_id`;

// the department a dispatch went to or a return came from is in the line's data: department_ref is that, as text
const MOVES = `SELECT action, department_ref AS d, COUNT(*) AS n FROM ticket_events FORCE INDEX (ix_ticket_events_action_department_at)
  WHERE action IN ('dispatch', 'return') AND department_ref IN (?) AND at >= ? AND at < ? GROUP BY action, department_ref`;

/**
 * The counts of every department in `departmentIds` for period P as seen at `now`, aggregated by MySQL: what
 * computeKpisByDepartment counts from ticket rows (and the 退单 lines), and backlogTally from the 积案 candidates (with
 * the age limit `backlogDays`, BACKLOG_DAYS), without reading a row out of the database.
 * test/api/kpi-aggregates.e2e-spec.ts checks them against the JS, and GET /backlog/progress.
 */
export async function aggregateDepartmentCounts(
  run: RunQuery,
  p: TimeRange,
  now: Date,
  departmentIds: readonly number[],
  backlogDays: number,
  limited: RunLimited = (task) => task(),
): Promise<Map<number, DepartmentCounts>> {
  const out = new Map<number, DepartmentCounts>(
    departmentIds.map((id) => [id, { counts: emptyKpiCounts(), moves: { dispatches: 0, returns: 0 }, backlog: { atStart: 0, added: 0, cleared: 0 } }]),
  );
  if (departmentIds.length === 0) return out;
  const at = evaluatedAt(p, now);
  // the age limit in whole milliseconds, as backlogEntry's Date truncates it
  const limitMs = Math.trunc(backlogDays * DAY_MS);
  const shifted = (x: Date) => new Date(x.getTime() - limitMs);
  const micros = limitMs * 1000;
  const ids = [...departmentIds];
  const q = (sql: string, params: unknown[]) => limited(() => run(sql, params));
  const add = (rows: Array<Record<string, unknown>>, f: (c: DepartmentCounts, r: Record<string, unknown>) => void) => {
    for (const r of rows) {
      const c = out.get(Number(r.d));
      if (c) f(c, r);
    }
  };
  // the longest first
  await Promise.all([
    q(BACKLOG, [shifted(p.from), p.from, shifted(p.from), p.from, micros, p.from, at, micros, shifted(at), at, ids, p.from]).then((rows) =>
      add(rows, ({ backlog }, r) => {
        backlog.atStart += n(r.at_start);
        backlog.added += n(r.added);
        backlog.cleared += n(r.cleared);
      }),
    ),
    q(CALLBACKS, [ids, p.from, p.to]).then((rows) =>
      add(rows, ({ counts }, r) => {
        counts.callbacks += n(r.callbacks);
        counts.satisfied += n(r.satisfied);
      }),
    ),
    q(RECEIVED, [at, at, ids, p.from, p.to]).then((rows) =>
      add(rows, ({ counts }, r) => {
        counts.received += n(r.received);
        counts.completed += n(r.completed);
        counts.direct += n(r.direct);
        counts.repeat += n(r.repeats);
      }),
    ),
    q(DISPATCHED, [at, at, at, ids, p.from, p.to]).then((rows) =>
      add(rows, ({ counts }, r) => {
        counts.dispatched += n(r.dispatched);
        counts.acceptDecided += n(r.accept_decided);
        counts.acceptOnTime += n(r.accept_on_time);
      }),
    ),
    q(MOVES, [ids.map(String), p.from, p.to]).then((rows) =>
      add(rows, ({ moves }, r) => {
        if (r.action === 'dispatch') moves.dispatches += n(r.n);
        else moves.returns += n(r.n);
      }),
    ),
    q(REPLIED, [ids, p.from, p.to]).then((rows) =>
      add(rows, ({ counts }, r) => {
        counts.replyDecided += n(r.replied);
        counts.replyOnTime += n(r.reply_on_time);
      }),
    ),
    q(CLOSED, [ids, p.from, p.to]).then((rows) => add(rows, ({ counts }, r) => (counts.closed += n(r.closed)))),
    q(UNREPLIED_OVERDUE, [ids, p.from, p.to, at]).then((rows) => add(rows, ({ counts }, r) => (counts.replyDecided += n(r.overdue)))),
  ]);
  return out;
}
