import type { TicketStatus } from '@hotline/contracts';

/** The three timers of a ticket. */
export type SlaKind = 'warn' | 'breach' | 'accept';

/** Statuses in which the resolution clock runs: a reply stops it, a close ends it. */
export const CLOCK_RUNNING: readonly TicketStatus[] = ['registered', 'dispatched', 'accepted', 'returned'];

export interface SlaJob {
  ticketId: number;
  kind: SlaKind;
  /** deadlineVersion for warn/breach, dispatchCount for accept. */
  version: number;
}

/** Deterministic: the same timer of the same deadline is one job, however often it is armed. */
export function slaJobId(j: SlaJob): string {
  return `sla-${j.ticketId}-${j.kind}-${j.version}`;
}
