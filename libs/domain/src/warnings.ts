/**
 * 预警: a department's or an area's count this period (tickets received, or deadlines missed) against its baseline,
 * the average of the periods before. A warning is due when the count has reached `minCount` (so 1 -> 2 is no
 * epidemic) and exceeds the baseline by more than `growthPercent` — or the baseline is 0. The period still running is
 * compared as it stands: a count already past the threshold part-way through is exactly what to warn about early.
 */
export interface WarningRule {
  /** e.g. 50: more than 50 % above the baseline. */
  growthPercent: number;
  /** The least count that can raise a warning. */
  minCount: number;
}

export interface WarningCandidate<K> {
  key: K;
  current: number;
  /** The counts of the periods before, any order. */
  previous: readonly number[];
}

export interface DueWarning<K> {
  key: K;
  current: number;
  /** The average of the periods before, two decimals. */
  previous: number;
  /** (current − previous) / previous, four decimals; null when the baseline is 0. */
  growth: number | null;
}

export function warningsDue<K>(candidates: Iterable<WarningCandidate<K>>, rule: WarningRule): DueWarning<K>[] {
  const out: DueWarning<K>[] = [];
  for (const c of candidates) {
    if (c.current < rule.minCount) continue;
    const baseline = c.previous.length ? c.previous.reduce((a, b) => a + b, 0) / c.previous.length : 0;
    if (baseline === 0) {
      out.push({ key: c.key, current: c.current, previous: 0, growth: null });
      continue;
    }
    const growth = (c.current - baseline) / baseline;
    if (growth * 100 > rule.growthPercent + 1e-9) {
      out.push({ key: c.key, current: c.current, previous: Math.round(baseline * 100) / 100, growth: Math.round(growth * 10_000) / 10_000 });
    }
  }
  return out;
}
