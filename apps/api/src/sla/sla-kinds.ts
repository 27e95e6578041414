import type { TicketStatus } from '@hotline/contracts';
import { OPEN_STATUSES } from '@hotline/contracts';

/**
 * The timers of a ticket: the warning, the breach and the sign-for limit of its deadline; the tracker's next
 * follow-up; and the deadline of each open supervision order (督办单) on it.
 */
export type SlaKind = 'warn' | 'breach' | 'accept' | 'follow_up' | 'order';

/** Statuses in which the resolution clock runs: a reply stops it, a close ends it. */
export const CLOCK_RUNNING: readonly TicketStatus[] = ['registered', 'dispatched', 'accepted', 'returned'];

/** A tracker follows the ticket until it is closed (a replied ticket still waits for its callback). */
export const TRACKED: readonly TicketStatus[] = OPEN_STATUSES;

export interface SlaJob {
  ticketId: number;
  kind: SlaKind;
  /** deadlineVersion for warn/breach, dispatchCount for accept, followUpVersion for follow_up, the order's deadlineVersion for order. */
  version: number;
  /** The supervision order (kind `order` only). */
  orderId?: number;
}

/** Deterministic: the same timer of the same deadline is one job, however often it is armed. */
export function slaJobId(j: SlaJob): string {
  return j.kind === 'order' ? `sla-${j.ticketId}-order-${j.orderId}-${j.version}` : `sla-${j.ticketId}-${j.kind}-${j.version}`;
}
