import { RANKING_PENALTIES, RANKING_WEIGHT_NAMES, type KpiSet, type RankingKpis, type RankingWeightName, type RankingWeights } from '@hotline/contracts';
import { backlogClearedRate, type BacklogTally } from './backlog';
import { rate } from './kpi';

/**
 * 赛马晾晒: departments ranked by a weighted score of their KPIs.
 *
 * score = 100 × Σ wᵢ·vᵢ / Σ wᵢ over the weighted KPIs that have something to divide, where vᵢ is the rate, or
 * 1 − rate for a penalty (退单率, 重复来电率). A KPI with nothing to divide (no callbacks: no 满意率; no 积案: no
 * 积案清零率) is left out and its weight with it, so a department is judged on what it did, not punished or rewarded
 * for what did not happen. With none of them, the score is null and the department ranks last. Rounded to two
 * decimals before ranking.
 *
 * Ties (equal rounded scores) are broken, in order, by: the higher 满意率, the higher 按期办结率, the more tickets
 * received (the heavier load at the same quality), and last the lower department id — so every department has a rank
 * of its own and the same figures always give the same order.
 */
export const DEFAULT_RANKING_WEIGHTS: RankingWeights = {
  onTimeAcceptRate: 20,
  onTimeReplyRate: 30,
  satisfactionRate: 30,
  returnRate: 10,
  repeatCallRate: 10,
  backlogClearedRate: 0,
};

/**
 * 积案清零率 (backlogClearedRate) joined the weights after sets had been stored and clients written: a set without it
 * (stored before, or sent by an older client) reads it as 0, so it still sums to 100 and ranks exactly as it did until
 * an administrator gives the new KPI points. The default is the same (0): nobody's ranking changes by an upgrade.
 */
export const LATER_WEIGHTS: ReadonlyArray<RankingWeightName> = ['backlogClearedRate'];

/** A stored or submitted set with the weights added later filled in as 0 (see LATER_WEIGHTS); other keys untouched. */
export function withLaterWeights<T extends Record<string, unknown>>(weights: T): T & Partial<RankingWeights> {
  const out: Record<string, unknown> = { ...weights };
  for (const name of LATER_WEIGHTS) if (out[name] === undefined) out[name] = 0;
  return out as T & Partial<RankingWeights>;
}

/** What is wrong with a proposed set of weights, one message per problem; empty when it is fine. A weight of LATER_WEIGHTS may be left out (0). */
export function weightProblems(proposed: Record<string, unknown>): string[] {
  const weights = withLaterWeights(proposed);
  const problems: string[] = [];
  for (const name of Object.keys(weights)) {
    if (!(RANKING_WEIGHT_NAMES as readonly string[]).includes(name)) problems.push(`weights.${name} is not a ranking KPI (one of ${RANKING_WEIGHT_NAMES.join(', ')})`);
  }
  let sum = 0;
  for (const name of RANKING_WEIGHT_NAMES) {
    const w = weights[name];
    if (w === undefined) {
      problems.push(`weights.${name} is missing`);
      continue;
    }
    if (typeof w !== 'number' || !Number.isFinite(w)) problems.push(`weights.${name} must be a number`);
    else if (w < 0 || w > 100) problems.push(`weights.${name} must be between 0 and 100`);
    else if (Math.abs(Math.round(w * 100) - w * 100) > 1e-6) problems.push(`weights.${name} may have at most two decimals`);
    else sum += w;
  }
  if (problems.length === 0 && Math.abs(sum - 100) > 1e-6) problems.push(`weights must sum to 100, they sum to ${Math.round(sum * 100) / 100}`);
  return problems;
}

/** Dispatches to a department and returns (退单) by it in a period, from the audit trail. */
export interface DepartmentMoves {
  dispatches: number;
  returns: number;
}

/**
 * A department's ranking figures: its KPIs, 退单率 = returns by it in P / dispatches to it in P, and 积案清零率 from its
 * 清零 progress in P (backlog.ts backlogClearedRate).
 */
export function rankingKpis(kpis: KpiSet, moves: DepartmentMoves, backlog: Pick<BacklogTally, 'atStart' | 'added' | 'cleared'>): RankingKpis {
  return { ...kpis, returnRate: rate(moves.returns, moves.dispatches), backlogClearedRate: backlogClearedRate(backlog) };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The score of one department's KPIs under these weights (see above); null when nothing weighted could be divided. */
export function rankingScore(kpis: RankingKpis, weights: RankingWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const name of RANKING_WEIGHT_NAMES) {
    const w = weights[name];
    const r = kpis[name].rate;
    if (w <= 0 || r === null) continue;
    sum += w * (RANKING_PENALTIES.includes(name) ? 1 - r : r);
    weight += w;
  }
  return weight === 0 ? null : round2((100 * sum) / weight);
}

export interface RankingEntry {
  departmentId: number;
  kpis: RankingKpis;
}

export interface RankedEntry extends RankingEntry {
  rank: number;
  score: number | null;
}

const desc = (a: number | null, b: number | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);

/** Ranks the departments best first; every rank distinct (ties broken as documented above). */
export function rankDepartments(entries: readonly RankingEntry[], weights: RankingWeights): RankedEntry[] {
  return entries
    .map((e) => ({ ...e, score: rankingScore(e.kpis, weights) }))
    .sort(
      (a, b) =>
        desc(a.score, b.score) ||
        desc(a.kpis.satisfactionRate.rate, b.kpis.satisfactionRate.rate) ||
        desc(a.kpis.onTimeReplyRate.rate, b.kpis.onTimeReplyRate.rate) ||
        b.kpis.received - a.kpis.received ||
        a.departmentId - b.departmentId,
    )
    .map((e, i) => ({ ...e, rank: i + 1 }));
}

/** The ranks of the period before, for the arrows: a department without a score then has no previous rank. */
export function previousRanks(previous: readonly RankedEntry[]): Map<number, number> {
  return new Map(previous.filter((e) => e.score !== null).map((e) => [e.departmentId, e.rank]));
}

export type { RankingWeightName };
