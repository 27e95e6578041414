import type { IsoTime } from './dto';
import type { Category } from './enums';
import type { RateDto } from './kpi';

/** 专项: a crisis the centre answers as one (an epidemic, a flood, a city-wide outage). */
export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentDto {
  id: number;
  name: string;
  /** A new ticket whose words contain any of these is tagged with the incident. */
  keywords: string[];
  /** When set, a new tagged ticket is due within this many (SLA) hours at the latest. */
  slaHours: number | null;
  /** Pinned on the intake screen while the incident is open. */
  banner: string | null;
  status: IncidentStatus;
  startedAt: IsoTime;
  /** Temporary accounts expire then at the latest (and when the incident closes). */
  expiresAt: IsoTime | null;
  closedAt: IsoTime | null;
  version: number;
}

/** The incident board: its tickets so far. */
export interface IncidentBoardDto {
  asOf: IsoTime;
  total: number;
  open: number;
  /** Open past the deadline, or replied after it. */
  overdue: number;
  closed: number;
  satisfactionRate: RateDto;
  /** Tickets registered per hour since the start (at most the last 72 hours), oldest first. */
  byHour: Array<{ hour: IsoTime; count: number }>;
  byCategory: Array<{ category: Category; count: number }>;
  byDepartment: Array<{ departmentId: number | null; count: number; open: number; overdue: number }>;
  /** Temporary accounts made for the incident, and how many are still active. */
  temporaryAgents: { total: number; active: number };
}

export interface IncidentDetailDto extends IncidentDto {
  board: IncidentBoardDto;
}

/** What closing answers, and `GET /incidents/:id` keeps for a closed incident. */
export interface IncidentSummaryDto {
  incident: IncidentDto;
  board: IncidentBoardDto;
  /** Temporary accounts deactivated by the close. */
  deactivatedAgents: number;
}

export interface TemporaryAgentsDto {
  accounts: Array<{ username: string; password: string }>;
  expiresAt: IsoTime | null;
}
