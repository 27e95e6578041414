import type { AuditAction, Category, Role, Satisfaction, SlaState, TicketStatus, Urgency } from './enums';

/** Times are ISO 8601 strings with milliseconds, UTC. */
export type IsoTime = string;

export interface DepartmentDto {
  id: number;
  code: string;
  name: string;
}

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  user: UserDto;
}

export interface TicketDto {
  id: number;
  no: string;
  status: TicketStatus;
  urgency: Urgency;
  category: Category;
  content: string;
  callerName: string | null;
  callerPhone: string;
  address: string | null;
  confidential: boolean;
  departmentId: number | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  dueAt: IsoTime;
  slaState: SlaState;
  breachedAt: IsoTime | null;
  repliedAt: IsoTime | null;
  closedAt: IsoTime | null;
  satisfaction: Satisfaction | null;
  reply: string | null;
  reopenCount: number;
  urgeCount: number;
  version: number;
}

export interface TicketEventDto {
  id: number;
  action: AuditAction;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  actorId: number | null;
  actorRole: Role | 'system' | null;
  at: IsoTime;
  data: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CreateTicketRequest {
  callerPhone: string;
  content: string;
  callerName?: string;
  category?: Category;
  urgency?: Urgency;
  address?: string;
  confidential?: boolean;
  departmentId?: number;
}

export interface TicketListQuery {
  status?: TicketStatus;
  urgency?: Urgency;
  departmentId?: number;
  slaState?: SlaState;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface HealthDto {
  status: 'ok' | 'error';
  mysql: 'up' | 'down';
  redis: 'up' | 'down';
}

/** The body of every error response. `message` names what was wrong. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/** Shown instead of a confidential caller's name and phone to anyone outside the hotline centre. */
export const CONFIDENTIAL_MASK = '***';

export interface SlaPolicyDto {
  urgency: Urgency;
  resolutionHours: number;
  /** Share of the window elapsed when the ticket turns yellow, 0 < r < 1. */
  warningRatio: number;
  /** Sign-for (签收) limit of a dispatched ticket. */
  acceptLimitHours: number;
  /** null: round the clock; else the business calendar the hours are counted on. */
  calendarId: number | null;
  updatedAt: IsoTime;
}

export interface BusinessCalendarDto {
  id: number;
  name: string;
  /** Index 0 = Sunday; each day a list of [startMinute, endMinute] periods in Asia/Shanghai time. */
  weekdays: Array<Array<[number, number]>>;
  holidays: string[];
  makeUpDays: string[];
  makeUpPeriods?: Array<[number, number]>;
  updatedAt: IsoTime;
}

export type ExtensionStatus = 'pending' | 'approved' | 'rejected';

export interface ExtensionDto {
  id: number;
  ticketId: number;
  hours: number;
  reason: string;
  status: ExtensionStatus;
  requestedBy: number;
  requestedAt: IsoTime;
  decidedBy: number | null;
  decidedAt: IsoTime | null;
  decisionNote: string | null;
}

export interface EscalationDto {
  id: number;
  ticketId: number;
  no: string;
  kind: 'breach';
  status: 'open' | 'closed';
  departmentId: number | null;
  urgency: Urgency;
  dueAt: IsoTime;
  breachedAt: IsoTime | null;
  createdAt: IsoTime;
}
