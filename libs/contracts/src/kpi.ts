/** A share with what it was computed from, so a screen can show "45/50" and a report can re-add it. */
export interface RateDto {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when there is nothing to divide (no tickets in the period). */
  rate: number | null;
}

/** The figures a hotline centre is judged by, over one period. Formulas: libs/domain/src/kpi.ts (KPI_FORMULAS). */
export interface KpiSet {
  /** 受理量 */
  received: number;
  /** 办结量 */
  closed: number;
  /** 派单量 */
  dispatched: number;
  /** 超期件: deadlines missed in the period (replied late, or still unreplied past the deadline). */
  overdue: number;
  /** 办结率 */
  completionRate: RateDto;
  /** 按时签收率 */
  onTimeAcceptRate: RateDto;
  /** 按期办结率 */
  onTimeReplyRate: RateDto;
  /** 满意率 */
  satisfactionRate: RateDto;
  /** 直办率 (一次办结率) */
  directResolutionRate: RateDto;
  /** 重复来电率 */
  repeatCallRate: RateDto;
}

export type KpiRateName = 'completionRate' | 'onTimeAcceptRate' | 'onTimeReplyRate' | 'satisfactionRate' | 'directResolutionRate' | 'repeatCallRate';

export const KPI_LABELS: Record<KpiRateName | 'received' | 'closed' | 'dispatched' | 'overdue', string> = {
  received: '受理量',
  closed: '办结量',
  dispatched: '派单量',
  overdue: '超期件',
  completionRate: '办结率',
  onTimeAcceptRate: '按时签收率',
  onTimeReplyRate: '按期办结率',
  satisfactionRate: '满意率',
  directResolutionRate: '直办率',
  repeatCallRate: '重复来电率',
};
