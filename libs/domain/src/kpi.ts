import type { KpiRateName, KpiSet, RateDto, TicketStatus } from '@hotline/contracts';

/** What the KPI formulas read from a ticket: its current row. */
export interface KpiTicket {
  status: TicketStatus;
  departmentId: number | null;
  createdAt: Date;
  dispatchedAt: Date | null;
  dispatchCount: number;
  acceptedAt: Date | null;
  acceptDueAt: Date | null;
  repliedAt: Date | null;
  dueAt: Date;
  closedAt: Date | null;
  /** Set when the ticket was merged into an earlier one as the same problem (重复件). */
  duplicateOfId: number | null;
  /** Deadlines missed over the ticket's life (kept through reopenings and redirects); absent: none. */
  breachCount?: number;
}

/** One callback (回访) as the audit trail recorded it. */
export interface KpiCallback {
  at: Date;
  satisfied: boolean;
  departmentId: number | null;
}

/** A half-open period [from, to). */
export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The formulas, in words, exactly as the predicates below compute them ("in P" means from <= t < to; "by then" means
 * at the earlier of the period's end and now). Shown in docs/kpis.md and the OpenAPI description.
 */
export const KPI_FORMULAS: Record<KpiRateName | 'received' | 'closed' | 'dispatched' | 'overdue', string> = {
  received: 'tickets registered in P',
  closed: 'tickets closed in P',
  dispatched: 'tickets whose latest dispatch was in P and which a department still holds',
  overdue:
    'dispatched tickets whose deadline was missed in P: replied in P after the deadline or after any earlier breach, or not replied and not closed with the deadline in P and passed by then',
  completionRate: '办结率 = tickets registered in P and closed by then / tickets registered in P',
  onTimeAcceptRate: '按时签收率 = dispatched (as above) and signed for no later than the sign-for limit / dispatched and either signed for or past the sign-for limit by then',
  onTimeReplyRate:
    '按期办结率 = dispatched tickets replied in P no later than the deadline and never breached before / (dispatched tickets replied in P + overdue unreplied as above)',
  satisfactionRate: '满意率 = callbacks in P recorded satisfied or basically satisfied / callbacks in P',
  directResolutionRate: '直办率 = tickets registered in P and closed by then without ever being dispatched / tickets registered in P',
  repeatCallRate: '重复来电率 = tickets registered in P and merged into an earlier ticket as the same problem / tickets registered in P',
};

export function rate(numerator: number, denominator: number): RateDto {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

const inPeriod = (t: Date | null, p: TimeRange): t is Date => t !== null && t >= p.from && t < p.to;
const byThen = (t: Date | null, at: Date): t is Date => t !== null && t <= at;

/**
 * What the formulas count, before they divide: one set per department and period. The JS path (count() below, over
 * ticket rows) and the SQL path (apps/api/src/live/kpis/kpi-aggregates.ts, GROUP BY department) both produce these, and
 * kpisFromCounts turns either into the figures: the rates are defined once, here.
 */
export interface KpiCounts {
  received: number;
  closed: number;
  completed: number;
  direct: number;
  repeat: number;
  dispatched: number;
  acceptDecided: number;
  acceptOnTime: number;
  replyDecided: number;
  replyOnTime: number;
  callbacks: number;
  satisfied: number;
}

export const emptyKpiCounts = (): KpiCounts => ({
  received: 0,
  closed: 0,
  completed: 0,
  direct: 0,
  repeat: 0,
  dispatched: 0,
  acceptDecided: 0,
  acceptOnTime: 0,
  replyDecided: 0,
  replyOnTime: 0,
  callbacks: 0,
  satisfied: 0,
});

/** Adds `b` into `a`. */
export function addKpiCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  for (const k of Object.keys(a) as Array<keyof KpiCounts>) a[k] += b[k];
  return a;
}

/** The sum of several sets of counts (the centre's, from its departments'). */
export function sumKpiCounts(parts: Iterable<KpiCounts>): KpiCounts {
  const total = emptyKpiCounts();
  for (const c of parts) addKpiCounts(total, c);
  return total;
}

/**
 * A ticket's contribution to each count. The same predicates are written in SQL twice, each over indexes for its
 * use: the rankings' per-department statements (apps/api/src/live/kpis/kpi-aggregates.ts, test/api/kpi-aggregates.e2e-spec.ts)
 * and the reports' (apps/api/src/live/kpis/kpi-queries.ts TALLY_SQL, test/api/report-equivalence.e2e-spec.ts). A change here is
 * a change in both; each test compares its SQL with this.
 */
function count(tally: KpiCounts, t: KpiTicket, p: TimeRange, at: Date): void {
  if (inPeriod(t.createdAt, p)) {
    tally.received++;
    if (byThen(t.closedAt, at)) {
      tally.completed++;
      if (t.dispatchCount === 0) tally.direct++;
    }
    if (t.duplicateOfId !== null) tally.repeat++;
  }
  if (inPeriod(t.closedAt, p)) tally.closed++;
  if (inPeriod(t.dispatchedAt, p) && t.departmentId !== null) {
    tally.dispatched++;
    const accepted = t.acceptedAt !== null && t.acceptedAt <= at;
    if (accepted || byThen(t.acceptDueAt, at)) {
      tally.acceptDecided++;
      if (accepted && t.acceptDueAt !== null && t.acceptedAt! <= t.acceptDueAt) tally.acceptOnTime++;
    }
  }
  if (t.dispatchCount > 0) {
    if (inPeriod(t.repliedAt, p)) {
      tally.replyDecided++;
      // a ticket that missed any deadline of its life is late, even if a later (reopened, extended) one was met
      if (t.repliedAt <= t.dueAt && !((t.breachCount ?? 0) > 0)) tally.replyOnTime++;
    } else if (t.repliedAt === null && t.status !== 'closed' && inPeriod(t.dueAt, p) && t.dueAt <= at) {
      tally.replyDecided++;
    }
  }
}

/** The figures from their counts: every rate of KPI_FORMULAS is numerator / denominator of these. */
export function kpisFromCounts(x: KpiCounts): KpiSet {
  return {
    received: x.received,
    closed: x.closed,
    dispatched: x.dispatched,
    overdue: x.replyDecided - x.replyOnTime,
    completionRate: rate(x.completed, x.received),
    onTimeAcceptRate: rate(x.acceptOnTime, x.acceptDecided),
    onTimeReplyRate: rate(x.replyOnTime, x.replyDecided),
    satisfactionRate: rate(x.satisfied, x.callbacks),
    directResolutionRate: rate(x.direct, x.received),
    repeatCallRate: rate(x.repeat, x.received),
  };
}

/** The moment a period's figures are taken at: its end, or now while it is still running. */
export function evaluatedAt(p: TimeRange, now: Date): Date {
  return p.to < now ? p.to : now;
}

/** The centre's figures for period P, as seen at `now`. Tickets outside every cohort are ignored, so a superset may be passed. */
export function computeKpis(tickets: Iterable<KpiTicket>, callbacks: Iterable<KpiCallback>, p: TimeRange, now: Date): KpiSet {
  const at = evaluatedAt(p, now);
  const tally = emptyKpiCounts();
  for (const t of tickets) count(tally, t, p, at);
  for (const c of callbacks) {
    if (!inPeriod(c.at, p)) continue;
    tally.callbacks++;
    if (c.satisfied) tally.satisfied++;
  }
  return kpisFromCounts(tally);
}

/** The same figures per department (a ticket counts for the department that holds it now). */
export function computeKpisByDepartment(
  tickets: Iterable<KpiTicket>,
  callbacks: Iterable<KpiCallback>,
  p: TimeRange,
  now: Date,
  departmentIds: readonly number[],
): Map<number, KpiSet> {
  const at = evaluatedAt(p, now);
  const tallies = new Map<number, KpiCounts>(departmentIds.map((id) => [id, emptyKpiCounts()]));
  for (const t of tickets) {
    const tally = t.departmentId === null ? undefined : tallies.get(t.departmentId);
    if (tally) count(tally, t, p, at);
  }
  for (const c of callbacks) {
    const tally = c.departmentId === null ? undefined : tallies.get(c.departmentId);
    if (!tally || !inPeriod(c.at, p)) continue;
    tally.callbacks++;
    if (c.satisfied) tally.satisfied++;
  }
  return new Map([...tallies].map(([id, x]) => [id, kpisFromCounts(x)]));
}
