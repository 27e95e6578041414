import type { IsoTime, TicketSummaryDto } from './dto';
import type { AuditAction, SlaState, SupervisionKind, SupervisionLevel, SupervisionStatus, TicketStatus, Urgency } from './enums';
import type { KpiSet, RateDto } from './kpi';
import type { WarningIssuedPayload } from './ranking';
import type { HotspotEventPayload, TicketUnderstoodPayload } from './understanding';

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
  /** Set when the action moved the ticket away from a department (return, reassign): that department hears it left. */
  previousDepartmentId?: number | null;
}

export interface WallboardCounts {
  open: number;
  warning: number;
  breached: number;
}

/** A ticket on the wallboard's deadline list: no caller identity, so it is safe for every screen. */
export interface WallboardTicket extends Omit<TicketEventPayload, 'at' | 'seq'> {
  urgeCount: number;
}

export interface WallboardSnapshot {
  generatedAt: IsoTime;
  /** The last live-event sequence this snapshot includes. */
  seq: number;
  /** `open` counts every ticket not yet closed; `warning` and `breached` are the open ones in that SLA state. */
  totals: WallboardCounts & { receivedToday: number; closedToday: number };
  byDepartment: Array<WallboardCounts & { departmentId: number; code: string; name: string; kpis: KpiSet }>;
  /** 未派单: open tickets with no department (registered, or returned and waiting to be dispatched again); with the
   * departments' tiles it adds up to `totals` */
  undispatched?: WallboardCounts;
  byUrgency: Array<WallboardCounts & { urgency: Urgency }>;
  /** Open tickets by urgency x SLA state, every pair present. */
  openMatrix: Array<{ urgency: Urgency; slaState: SlaState; count: number }>;
  /** Today's figures (Asia/Shanghai day) as at kpisAt; formulas in libs/domain kpi.ts and docs/kpis.md. */
  kpis: KpiSet;
  /** When the figures were computed: they are refreshed every few seconds, the counts above every second. */
  kpisAt: IsoTime;
  /** The 20 running tickets with the earliest deadlines: furthest past first, then the closest to it. */
  nearestDeadlines: WallboardTicket[];
  /** Tickets received per hour over the last 24 hours, oldest first; `hour` is the bucket's start. */
  intakeByHour: Array<{ hour: IsoTime; count: number }>;
  /** Answered calls that ended today, per agent, with their average talk time (telephony). */
  handling: Array<{ agentId: number; name: string; calls: number; averageHandlingSeconds: number }>;
  /** 赛马晾晒 of this month so far: the three best and three worst scored departments (refreshed with the figures). */
  ranking?: { period: 'month'; from: IsoTime; top: WallboardRankItem[]; bottom: WallboardRankItem[] } | null;
  /** Open incidents (专项) with their figures so far. */
  incidents?: WallboardIncident[];
}

export interface WallboardRankItem {
  departmentId: number;
  rank: number;
  previousRank: number | null;
  score: number | null;
}

export interface WallboardIncident {
  id: number;
  name: string;
  startedAt: IsoTime;
  total: number;
  open: number;
  overdue: number;
  satisfactionRate: RateDto;
}

/**
 * The single map of server-to-client event names and their payloads.
 * The API publishes only these (after the change they announce has committed); the console listens to these.
 */
/** An earlier ticket of a caller, as the screen-pop shows it. */
export interface CallerHistoryItem extends TicketSummaryDto {
  dueAt: IsoTime;
  content: string;
  confidential: boolean;
}

/** `call.ringing`: a call is ringing on the signed-in agent's extension (to that agent only). */
export interface CallRingingPayload {
  callId: string;
  caller: string;
  extension: string;
  at: IsoTime;
  /** The caller's earlier tickets, open ones first, newest first, at most 10. */
  history: CallerHistoryItem[];
}

export interface ServerEvents {
  'ticket.created': TicketEventPayload;
  'ticket.updated': TicketUpdatedPayload;
  'sla.warning': TicketEventPayload;
  'sla.breached': TicketEventPayload;
  'sla.accept_overdue': TicketEventPayload;
  'wallboard.updated': WallboardSnapshot;
  'call.ringing': CallRingingPayload;
  'hotspot.detected': HotspotEventPayload;
  'hotspot.updated': HotspotEventPayload;
  'ticket.understood': TicketUnderstoodPayload;
  'warning.issued': WarningIssuedPayload;
  'supervision.opened': SupervisionEventPayload;
  'supervision.updated': SupervisionEventPayload;
  'follow_up.due': FollowUpDuePayload;
}

export type ServerEventName = keyof ServerEvents;
/** The events about one ticket: sequenced, kept for catch-up, scoped to departments. */
export type TicketEventName = Exclude<ServerEventName, 'wallboard.updated' | 'call.ringing' | 'ticket.understood' | HotspotEventName | 'warning.issued'>;
export type HotspotEventName = 'hotspot.detected' | 'hotspot.updated';

/**
 * Every event name, and whether it is a ticket event: the one list the names below derive from. The type makes the
 * compiler refuse a name missing from ServerEvents, an extra one, or a flag that disagrees with TicketEventName.
 */
const IS_TICKET_EVENT: { readonly [K in ServerEventName]: K extends TicketEventName ? true : false } = {
  'ticket.created': true,
  'ticket.updated': true,
  'sla.warning': true,
  'sla.breached': true,
  'sla.accept_overdue': true,
  'wallboard.updated': false,
  'call.ringing': false,
  'hotspot.detected': false,
  'hotspot.updated': false,
  'ticket.understood': false,
  'warning.issued': false,
  'supervision.opened': true,
  'supervision.updated': true,
  'follow_up.due': true,
};
/** Every event the API sends, in the order of ServerEvents. */
export const SERVER_EVENT_NAMES: readonly ServerEventName[] = Object.keys(IS_TICKET_EVENT) as ServerEventName[];
export const TICKET_EVENT_NAMES: readonly TicketEventName[] = SERVER_EVENT_NAMES.filter((n): n is TicketEventName => IS_TICKET_EVENT[n]);

/** A socket.io client's listener map for these events: `Socket<ServerEventListeners>` type-checks every `on(name, ...)`. */
export type ServerEventListeners = { [K in ServerEventName]: (payload: ServerEvents[K]) => void };
/** Ticket events for the centre only (and the tracker), never a department's room. */
export const CENTRE_ONLY_EVENT_NAMES: readonly TicketEventName[] = ['follow_up.due'];

/** `supervision.opened` / `supervision.updated`: the ticket's payload and the order (to the centre and the order's department). */
export interface SupervisionEventPayload extends TicketEventPayload {
  supervisionId: number;
  kind: SupervisionKind;
  level: SupervisionLevel;
  supervisionStatus: SupervisionStatus;
  supervisionDueAt: IsoTime;
  action: 'supervise' | 'supervision_response' | 'supervision_close' | 'supervision_overdue';
}

/** `follow_up.due`: the tracker's follow-up is overdue (to the tracker and the centre). */
export interface FollowUpDuePayload extends TicketEventPayload {
  trackerId: number;
  followUpDueAt: IsoTime;
}

/** One sequenced event as the catch-up call returns it. */
export interface LiveEventRecord {
  seq: number;
  name: TicketEventName;
  payload: ServerEvents[TicketEventName];
}

/**
 * `GET /api/v1/events?since=&epoch=`: what the caller may see since a sequence. `reset: true` means the gap cannot
 * be filled (too old, or the event log was rebuilt under a new epoch): reload lists and start from `seq`.
 */
export interface EventsSinceDto {
  epoch: string;
  seq: number;
  reset: boolean;
  events: LiveEventRecord[];
}
