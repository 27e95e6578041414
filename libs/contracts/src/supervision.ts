import type { IsoTime, TicketDto } from './dto';
import type { FollowUpContact, SupervisionKind, SupervisionLevel, SupervisionStatus } from './enums';

/** 督办单: contract "Supervision and accountability". */
export interface SupervisionDto {
  id: number;
  ticketId: number;
  /** The ticket's number, for lists. */
  no: string;
  departmentId: number | null;
  kind: SupervisionKind;
  level: SupervisionLevel;
  status: SupervisionStatus;
  /** The order's own deadline, on the SLA clock: the department must answer by then. */
  dueAt: IsoTime;
  note: string | null;
  response: string | null;
  createdAt: IsoTime;
  respondedAt: IsoTime | null;
  closedAt: IsoTime | null;
  closeNote: string | null;
  /** When the order passed its deadline at the leaders' level (null: never). */
  overdueAt: IsoTime | null;
  /** The ticket's status now; an order whose ticket is replied or closed is ready to close. */
  ticketStatus: TicketDto['status'];
  readyToClose: boolean;
  /** How often the ticket was urged (催办), for the department's inbox. */
  urgeCount: number;
}

export interface FollowUpDto {
  id: number;
  ticketId: number;
  userId: number;
  note: string;
  contact: FollowUpContact;
  at: IsoTime;
}

/** A leader's instruction (阅批) on a case. */
export interface InstructionDto {
  id: number;
  ticketId: number;
  userId: number;
  text: string;
  at: IsoTime;
}

export interface BacklogItemDto {
  ticket: TicketDto;
  reasons: Array<'age' | 'reopened' | 'repeat'>;
  ageDays: number;
  /** Calls about it: itself and the repeat calls merged into it. */
  calls: number;
}

export interface BacklogProgressDto {
  departmentId: number;
  atStart: number;
  added: number;
  cleared: number;
  now: number;
}
