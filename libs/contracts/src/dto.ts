import type { AuditAction, Category, Role, Satisfaction, SlaState, TicketStatus, Urgency } from './enums';
import type { KpiSet } from './kpi';

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

/** An account as admins manage it (`/api/v1/users`); never the password hash. */
export interface AdminUserDto extends UserDto {
  active: boolean;
  extension: string | null;
  createdAt: IsoTime;
  updatedAt: IsoTime | null;
  passwordChangedAt: IsoTime | null;
  version: number;
}

/**
 * The centre's people by name (`GET /api/v1/users/directory`, every role): agents, supervisors and leaders, to name a
 * ticket's tracker (跟踪人) and leader (包案领导) and to read who wrote a follow-up or an instruction.
 */
export interface StaffDto {
  id: number;
  displayName: string;
  role: Extract<Role, 'agent' | 'supervisor' | 'leader'>;
  /** Able to sign in now (a deactivated or expired account keeps its name for the record, but is not offered). */
  active: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Single use: POST /auth/refresh gives the next access token and the next refresh token. */
  refreshToken: string;
  /** Seconds the access token is valid. */
  expiresIn: number;
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
  /** open 督办 orders on the ticket (breaches handed to the supervisors); in lists (GET /tickets) only */
  openEscalations?: number;
  /** The original this ticket was merged into as a repeat call (重复件); null otherwise. */
  duplicateOfId?: number | null;
  /** The incident (专项) the ticket is tagged with; null otherwise. */
  incidentId?: number | null;
  /** 跟踪人: the person tracking the ticket point to point (every 特急 ticket has one); null otherwise. */
  trackerId: number | null;
  /** 包案领导: the leader who owns the case; null otherwise. */
  leaderId: number | null;
  /** Breaches over the ticket's life, one per missed deadline; kept when it is reopened or redirected. */
  breachCount: number;
  /** Warnings (即将超期) over the ticket's life, one per deadline. */
  warningCount: number;
  /** When the tracker's next follow-up is due (null without a tracker, or once closed). */
  followUpDueAt: IsoTime | null;
  version: number;
  /** When the ticket moved to the archive (read-only from then on); absent on live tickets. */
  archivedAt?: IsoTime;
}

export interface TicketEventDto {
  id: number;
  action: AuditAction;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  actorId: number | null;
  actorRole: Role | 'system' | null;
  /** who acted, for the case file (一案一档): the person's name and department; null for the system and callers */
  actor?: { name: string; departmentId: number | null } | null;
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
  /** The telephony call the ticket is registered in. */
  callId?: string;
}

export interface TicketListQuery {
  status?: TicketStatus;
  urgency?: Urgency;
  departmentId?: number;
  slaState?: SlaState;
  /** Tickets this user tracks (跟踪人). */
  trackerId?: number;
  /** Cases this leader owns (包案). */
  leaderId?: number;
  q?: string;
  page?: number;
  pageSize?: number;
  /** The `nextCursor` of the previous page (keyset paging; not with `page`). */
  cursor?: string;
  /** A whole ticket number, read from its unique index. */
  no?: string;
  /** The caller's phone number (the centre; a department finds only its non-confidential tickets by it). */
  phone?: string;
  /** An Open311 `service_request_id`. */
  requestId?: number;
}

/** `GET /tickets`: a page, newest registered first, with the cursor of the next page and a total capped at 10,000. */
export interface TicketListPage extends Page<TicketDto> {
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** True when more than `total` (10,000) tickets match: shown as "10,000+". */
  totalCapped: boolean;
}

export interface HealthDto {
  status: 'ok' | 'error';
  mysql: 'up' | 'down';
  redis: 'up' | 'down';
}

/** `GET /api/v1/health/ready`: whether this instance should receive traffic. */
export interface ReadinessDto extends HealthDto {
  /** The SLA queue answers (its job counts could be read). */
  queue: 'up' | 'down';
  /** SLA workers connected to the queue, across all processes; 0 means no timer fires (null: unknown). */
  slaWorkers: number | null;
  /** Timers armed and waiting (null: unknown). */
  delayedTimers: number | null;
}

/** The body of every error response. `message` names what was wrong. */
/** Shown instead of a confidential caller's name and phone to anyone outside the hotline centre. */
export const CONFIDENTIAL_MASK = '***';

export interface SlaPolicyDto {
  urgency: Urgency;
  resolutionHours: number;
  /** Share of the window elapsed when the ticket turns yellow, 0 < r < 1. */
  warningRatio: number;
  /** Sign-for (签收) limit of a dispatched ticket. */
  acceptLimitHours: number;
  /** How often a ticket's tracker must log a follow-up (跟踪督办), in minutes. */
  followUpMinutes: number;
  /** Default deadline of a supervision order (督办单), in hours. */
  supervisionHours: number;
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

export type ReportFormat = 'json' | 'csv' | 'xlsx';

/** One line of 当日未解决问题: a ticket not yet replied to at the report's moment. */
export interface UnresolvedItem {
  ticketId: number;
  no: string;
  createdAt: IsoTime;
  urgency: Urgency;
  category: Category;
  departmentId: number | null;
  departmentName: string | null;
  /** The status now (the report may be of an earlier day). */
  status: TicketStatus;
  slaState: SlaState;
  dueAt: IsoTime;
  /** Hours past the deadline at the report's moment (two decimals); 0 when not yet due. */
  overdueHours: number;
  urgeCount: number;
  /** Deadlines the ticket missed over its life (a reopened ticket keeps its earlier breaches). */
  breachCount: number;
  /** Phone numbers in the text are masked: a report travels as a file. */
  content: string;
  address: string | null;
  /** Masked (***) for confidential callers; the phone is always partly masked. */
  callerName: string | null;
  callerPhone: string;
}

/** `GET /api/v1/reports/unresolved?date=`: every ticket registered by the end of that day and not replied to by then. */
export interface UnresolvedReportDto {
  date: string;
  asOf: IsoTime;
  total: number;
  /** Items whose deadline had passed at asOf. */
  overdue: number;
  items: UnresolvedItem[];
}

export interface KeywordCount {
  word: string;
  count: number;
}

/** `GET /api/v1/reports/weekly?week=`: a Monday-to-Sunday summary per department (Asia/Shanghai). */
export interface WeeklyReportDto {
  /** The Monday the week starts on, YYYY-MM-DD. */
  week: string;
  from: IsoTime;
  to: IsoTime;
  asOf: IsoTime;
  totals: KpiSet & { keywords: KeywordCount[] };
  departments: Array<{
    departmentId: number;
    code: string;
    name: string;
    kpis: KpiSet;
    /** Tickets the department holds and has not replied to at asOf, and how many of them are past the deadline. */
    openNow: number;
    breachedNow: number;
    /** The words most often in the problems dispatched to the department that week. */
    keywords: KeywordCount[];
  }>;
}

/** `GET /api/v1/extensions/pending`: a request waiting for a supervisor, with what the decision needs. */
export interface PendingExtensionDto extends ExtensionDto {
  no: string;
  departmentId: number | null;
  urgency: Urgency;
  dueAt: IsoTime;
}

/** A ticket in a list of tickets (caller history, hotspots, repeat-call candidates): no caller identity. */
export interface TicketSummaryDto {
  ticketId: number;
  no: string;
  status: TicketStatus;
  urgency: Urgency;
  departmentId: number | null;
  createdAt: IsoTime;
}
