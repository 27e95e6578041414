import type { IsoTime } from './dto';
import type { AuditAction, SlaState, TicketStatus, Urgency } from './enums';

/** What every ticket event carries (contract: "Live events"). */
export interface TicketEventPayload {
  ticketId: number;
  no: string;
  status: TicketStatus;
  urgency: Urgency;
  departmentId: number | null;
  slaState: SlaState;
  dueAt: IsoTime;
  at: IsoTime;
  /** Monotonic sequence for catch-up after a disconnect (filled by the live-events layer). */
  seq?: number;
}

export interface TicketUpdatedPayload extends TicketEventPayload {
  action: AuditAction;
}

export interface WallboardCounts {
  open: number;
  warning: number;
  breached: number;
}

export interface WallboardSnapshot {
  generatedAt: IsoTime;
  totals: WallboardCounts & { receivedToday: number; closedToday: number };
  byDepartment: Array<WallboardCounts & { departmentId: number }>;
  byUrgency: Array<WallboardCounts & { urgency: Urgency }>;
}

/**
 * The single map of server-to-client event names and their payloads.
 * The API publishes only these (after the change they announce has committed); the console listens to these.
 */
export interface ServerEvents {
  'ticket.created': TicketEventPayload;
  'ticket.updated': TicketUpdatedPayload;
  'sla.warning': TicketEventPayload;
  'sla.breached': TicketEventPayload;
  'sla.accept_overdue': TicketEventPayload;
  'wallboard.updated': WallboardSnapshot;
}

export type ServerEventName = keyof ServerEvents;
export const SERVER_EVENT_NAMES: readonly ServerEventName[] = [
  'ticket.created',
  'ticket.updated',
  'sla.warning',
  'sla.breached',
  'sla.accept_overdue',
  'wallboard.updated',
];
