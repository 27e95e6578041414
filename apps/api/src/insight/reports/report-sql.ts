import type { RunQuery } from '../../live/kpis/kpi-queries';

/**
 * The reports' predicates over a ticket row, each in one place (the KPI formulas' are in kpi-queries.ts TALLY_SQL).
 * Issue 14's breach history (breach_count) counts in OVERDUE_AT and in the KPI formulas' replyOnTime.
 */

/** A ticket past its deadline now (weekly report: breachedNow). */
export const BREACHED_NOW = "sla_state = 'breached'";

/**
 * An unresolved ticket counted overdue at :asOf (当日未解决: overdue): past its deadline, or it breached an earlier one
 * (a reopened or redirected ticket is not forgiven by its new deadline; issue 14's breach history).
 */
export const OVERDUE_AT = '(due_at <= :asOf OR breach_count > 0)';

/** Registered before :asOf and neither replied nor closed by then (当日未解决). */
export const UNRESOLVED_AT = 'created_at < :asOf AND (replied_at IS NULL OR replied_at >= :asOf) AND (closed_at IS NULL OR closed_at >= :asOf)';

/** Reads for a report: single statements, and several that must see one moment (ReadReplica, or the thread's pool). */
export interface ReportReader {
  query: RunQuery;
  snapshot<T>(fn: (query: RunQuery) => Promise<T>): Promise<T>;
}
