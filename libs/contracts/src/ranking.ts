import type { IsoTime } from './dto';
import type { KpiSet, RateDto } from './kpi';

/** The periods departments are ranked over (Asia/Shanghai): Monday-to-Sunday weeks, calendar months and quarters. */
export const RANKING_PERIODS = ['week', 'month', 'quarter'] as const;
export type RankingPeriod = (typeof RANKING_PERIODS)[number];
export const RANKING_PERIOD_LABELS: Record<RankingPeriod, string> = { week: '周', month: '月', quarter: '季度' };

/**
 * The KPIs a ranking weighs. 按时签收率, 按期办结率, 满意率 and 积案清零率 count for a department, 退单率 and 重复来电率
 * against it (a penalty: the score takes 1 − rate). backlogClearedRate came last: a stored or submitted set of weights
 * without it reads it as 0 (libs/domain ranking.ts withBacklogWeight).
 */
export const RANKING_WEIGHT_NAMES = ['onTimeAcceptRate', 'onTimeReplyRate', 'satisfactionRate', 'returnRate', 'repeatCallRate', 'backlogClearedRate'] as const;
export type RankingWeightName = (typeof RANKING_WEIGHT_NAMES)[number];
export const RANKING_PENALTIES: readonly RankingWeightName[] = ['returnRate', 'repeatCallRate'];
export type RankingWeights = Record<RankingWeightName, number>;
export const RANKING_WEIGHT_LABELS: Record<RankingWeightName, string> = {
  onTimeAcceptRate: '按时签收率',
  onTimeReplyRate: '按期办结率',
  satisfactionRate: '满意率',
  returnRate: '退单率',
  repeatCallRate: '重复来电率',
  backlogClearedRate: '积案清零率',
};

/**
 * A department's figures for a ranking: the KPI set plus 退单率 (returns in P / dispatches to it in P) and 积案清零率
 * (积案 cleared in P / (积案 at P's start + added in P), the figures of GET /backlog/progress; null without 积案).
 */
export interface RankingKpis extends KpiSet {
  returnRate: RateDto;
  backlogClearedRate: RateDto;
}

export interface RankingItemDto {
  departmentId: number;
  code: string;
  name: string;
  /** 1 = best; ties are broken (docs/api.md), so every department has its own rank. */
  rank: number;
  /** The rank in the period before, or null when that period had no score for it. */
  previousRank: number | null;
  /** 0-100 points, two decimals; null when none of the weighted KPIs had anything to divide. */
  score: number | null;
  kpis: RankingKpis;
}

export interface RankingDto {
  period: RankingPeriod;
  from: IsoTime;
  to: IsoTime;
  /** When the figures were taken: the period's end, or the computation time while it runs. */
  asOf: IsoTime;
  weights: RankingWeights;
  items: RankingItemDto[];
}

/** `GET /api/v1/rankings/history`: each department's score and rank over the last periods, oldest first. */
export interface RankingHistoryDto {
  period: RankingPeriod;
  periods: Array<{ from: IsoTime; to: IsoTime; items: Array<{ departmentId: number; rank: number; score: number | null }> }>;
}

export interface RankingWeightsDto {
  weights: RankingWeights;
  updatedAt: IsoTime | null;
}

/** 预警: a department's or an area's volume or overdue count growing past the threshold in a period. */
export const WARNING_SCOPES = ['department', 'area'] as const;
export type WarningScope = (typeof WARNING_SCOPES)[number];
export const WARNING_METRICS = ['volume', 'overdue'] as const;
export type WarningMetric = (typeof WARNING_METRICS)[number];
export const WARNING_STATUSES = ['open', 'acknowledged'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WARNING_METRIC_LABELS: Record<WarningMetric, string> = { volume: '受理量', overdue: '超期件' };
export const WARNING_STATUS_LABELS: Record<WarningStatus, string> = { open: '待签收', acknowledged: '已签收' };

export interface WarningDto {
  id: number;
  scope: WarningScope;
  departmentId: number | null;
  area: string | null;
  metric: WarningMetric;
  /** The count so far in the period. */
  current: number;
  /** The average of the periods before (the baseline). */
  previous: number;
  /** (current − previous) / previous; null when the baseline is 0. */
  growth: number | null;
  periodStart: IsoTime;
  status: WarningStatus;
  issuedAt: IsoTime;
  acknowledgedAt: IsoTime | null;
  acknowledgedBy: number | null;
  /** Changes with each change; an acknowledgement may name it (a mismatch is 409). */
  version: number;
}

export interface WarningListDto {
  items: WarningDto[];
  total: number;
}

/** `warning.issued`: to the centre and to the department concerned. */
export interface WarningIssuedPayload {
  warning: WarningDto;
  at: IsoTime;
}

/** 通报: a period's ranking published to the leadership, numbered per year and never changed once issued. */
export interface BulletinHeaderDto {
  id: number;
  /** e.g. 2026年第12期 */
  no: string;
  period: RankingPeriod;
  from: IsoTime;
  to: IsoTime;
  issuedAt: IsoTime;
}

export interface BulletinDepartmentCases {
  departmentId: number;
  /** Deadlines missed in the period (the KPI's 超期件). */
  overdue: number;
  /** Tickets that breached their deadline in the period (turned red). */
  breached: number;
  /** Unsatisfied callbacks in the period. */
  dissatisfied: number;
}

export interface BulletinDto extends BulletinHeaderDto {
  ranking: RankingDto;
  /** The three best and the three worst scored departments (worst last). */
  best: RankingItemDto[];
  worst: RankingItemDto[];
  departments: BulletinDepartmentCases[];
  /** Unsatisfied callbacks of the period, no caller identity, phone numbers masked; at most 100. */
  dissatisfaction: Array<{ ticketId: number; no: string; departmentId: number | null; at: IsoTime; content: string }>;
  /** Hotspots detected in the period. */
  hotspots: Array<{ id: number; area: string; keywords: string[]; ticketCount: number; detectedAt: IsoTime }>;
}
