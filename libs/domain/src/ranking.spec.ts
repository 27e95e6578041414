import type { RankingKpis } from '@hotline/contracts';
import { emptyKpiCounts, kpisFromCounts, rate } from './kpi';
import { DEFAULT_RANKING_WEIGHTS, previousRanks, rankDepartments, rankingKpis, rankingScore, weightProblems, withLaterWeights } from './ranking';

/** KPIs with the given shares (numerator/denominator); everything else empty. */
function kpis(over: Partial<Record<keyof RankingKpis, [number, number] | number>> = {}): RankingKpis {
  const r = (k: keyof RankingKpis) => {
    const v = over[k];
    return Array.isArray(v) ? rate(v[0], v[1]) : rate(0, 0);
  };
  const n = (k: keyof RankingKpis) => (typeof over[k] === 'number' ? over[k] : 0);
  return {
    received: n('received'),
    closed: n('closed'),
    dispatched: n('dispatched'),
    overdue: n('overdue'),
    completionRate: r('completionRate'),
    onTimeAcceptRate: r('onTimeAcceptRate'),
    onTimeReplyRate: r('onTimeReplyRate'),
    satisfactionRate: r('satisfactionRate'),
    directResolutionRate: r('directResolutionRate'),
    repeatCallRate: r('repeatCallRate'),
    returnRate: r('returnRate'),
    backlogClearedRate: r('backlogClearedRate'),
  };
}

describe('weightProblems', () => {
  it('accepts the defaults and any set of the six summing to 100', () => {
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS })).toEqual([]);
    expect(weightProblems({ onTimeAcceptRate: 0, onTimeReplyRate: 0, satisfactionRate: 100, returnRate: 0, repeatCallRate: 0 })).toEqual([]);
    expect(weightProblems({ onTimeAcceptRate: 33.33, onTimeReplyRate: 33.33, satisfactionRate: 33.34, returnRate: 0, repeatCallRate: 0 })).toEqual([]);
    expect(weightProblems({ onTimeAcceptRate: 20, onTimeReplyRate: 20, satisfactionRate: 20, returnRate: 10, repeatCallRate: 10, backlogClearedRate: 20 })).toEqual([]);
  });

  it('a set without 积案清零率 (stored or sent before it existed) reads it as 0', () => {
    const old = { onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 30, returnRate: 10, repeatCallRate: 10 };
    expect(weightProblems(old)).toEqual([]);
    expect(withLaterWeights(old)).toEqual({ ...old, backlogClearedRate: 0 });
    expect(withLaterWeights({ ...old, backlogClearedRate: 5 }).backlogClearedRate).toBe(5);
    // it still has to sum to 100 with the new weight in it
    expect(weightProblems({ ...old, backlogClearedRate: 10 })).toEqual(['weights must sum to 100, they sum to 110']);
    expect(weightProblems({ ...old, backlogClearedRate: null })).toEqual(['weights.backlogClearedRate must be a number']);
  });

  it('names what is wrong', () => {
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS, satisfactionRate: 31 })).toEqual(['weights must sum to 100, they sum to 101']);
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS, backlogRate: 0 })).toEqual([expect.stringContaining('weights.backlogRate is not a ranking KPI')]);
    const { returnRate: _r, ...missing } = DEFAULT_RANKING_WEIGHTS;
    expect(weightProblems(missing)).toEqual(['weights.returnRate is missing']);
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS, returnRate: '10' })).toEqual(['weights.returnRate must be a number']);
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS, returnRate: -10, repeatCallRate: 30 })).toEqual(['weights.returnRate must be between 0 and 100']);
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS, returnRate: 9.995, repeatCallRate: 10.005 })).toHaveLength(2);
    expect(weightProblems({ ...DEFAULT_RANKING_WEIGHTS, returnRate: NaN })).toEqual(['weights.returnRate must be a number']);
  });
});

describe('rankingScore, computed by hand', () => {
  const w = DEFAULT_RANKING_WEIGHTS; // 20 accept, 30 reply, 30 satisfaction, 10 return (penalty), 10 repeat (penalty)

  it('weighs rates and penalties', () => {
    // 0.2·90% + 0.3·80% + 0.3·75% + 0.1·(1−10%) + 0.1·(1−5%) = 18 + 24 + 22.5 + 9 + 9.5 = 83
    const k = kpis({ onTimeAcceptRate: [9, 10], onTimeReplyRate: [8, 10], satisfactionRate: [3, 4], returnRate: [1, 10], repeatCallRate: [1, 20] });
    expect(rankingScore(k, w)).toBe(83);
  });

  it('leaves out a KPI with nothing to divide, and its weight', () => {
    // no callbacks: (20·1 + 30·0.5 + 10·1 + 10·1) / 70 · 100 = 55 / 70 · 100 = 78.571… -> 78.57
    const k = kpis({ onTimeAcceptRate: [4, 4], onTimeReplyRate: [1, 2], returnRate: [0, 4], repeatCallRate: [0, 3] });
    expect(rankingScore(k, w)).toBe(78.57);
  });

  it('is null when nothing weighted can be divided, and a zero weight ignores its KPI', () => {
    expect(rankingScore(kpis(), w)).toBeNull();
    const only = { onTimeAcceptRate: 0, onTimeReplyRate: 0, satisfactionRate: 100, returnRate: 0, repeatCallRate: 0, backlogClearedRate: 0 };
    expect(rankingScore(kpis({ onTimeAcceptRate: [0, 10], satisfactionRate: [2, 3] }), only)).toBe(66.67);
    expect(rankingScore(kpis({ onTimeAcceptRate: [0, 10] }), only)).toBeNull();
  });

  it('weighs 积案清零率 for a department, and leaves it out without 积案', () => {
    const six = { onTimeAcceptRate: 20, onTimeReplyRate: 20, satisfactionRate: 20, returnRate: 10, repeatCallRate: 10, backlogClearedRate: 20 };
    const base: Partial<Record<keyof RankingKpis, [number, number]>> = {
      onTimeAcceptRate: [9, 10],
      onTimeReplyRate: [8, 10],
      satisfactionRate: [3, 4],
      returnRate: [1, 10],
      repeatCallRate: [1, 20],
    };
    // 20·0.9 + 20·0.8 + 20·0.75 + 10·0.9 + 10·0.95 + 20·(3/4) = 18 + 16 + 15 + 9 + 9.5 + 15 = 82.5
    expect(rankingScore(kpis({ ...base, backlogClearedRate: [3, 4] }), six)).toBe(82.5);
    // no 积案 (0 / 0): the other 80 points only: (18 + 16 + 15 + 9 + 9.5) / 80 · 100 = 67.5 / 0.8 = 84.375 -> 84.38
    expect(rankingScore(kpis({ ...base }), six)).toBe(84.38);
    // none cleared of 4: (67.5 + 0) / 100 · 100 = 67.5
    expect(rankingScore(kpis({ ...base, backlogClearedRate: [0, 4] }), six)).toBe(67.5);
  });

  it('a perfect and a hopeless department', () => {
    expect(rankingScore(kpis({ onTimeAcceptRate: [5, 5], onTimeReplyRate: [5, 5], satisfactionRate: [5, 5], returnRate: [0, 5], repeatCallRate: [0, 5] }), w)).toBe(100);
    expect(rankingScore(kpis({ onTimeAcceptRate: [0, 5], onTimeReplyRate: [0, 5], satisfactionRate: [0, 5], returnRate: [5, 5], repeatCallRate: [5, 5] }), w)).toBe(0);
  });
});

describe('rankDepartments', () => {
  const w = DEFAULT_RANKING_WEIGHTS;
  const full = (sat: [number, number], reply: [number, number], received = 10) =>
    kpis({ received, onTimeAcceptRate: [1, 1], onTimeReplyRate: reply, satisfactionRate: sat, returnRate: [0, 1], repeatCallRate: [0, 1] });

  it('best first, ranks 1..n', () => {
    const ranked = rankDepartments(
      [
        { departmentId: 1, kpis: full([1, 2], [1, 1]) }, // 20 + 30 + 15 + 10 + 10 = 85
        { departmentId: 2, kpis: full([1, 1], [1, 1]) }, // 100
        { departmentId: 3, kpis: kpis() }, // null: last
        { departmentId: 4, kpis: full([0, 1], [1, 2]) }, // 20 + 15 + 0 + 20 = 55
      ],
      w,
    );
    expect(ranked.map((r) => [r.departmentId, r.rank, r.score])).toEqual([
      [2, 1, 100],
      [1, 2, 85],
      [4, 3, 55],
      [3, 4, null],
    ]);
  });

  it('breaks ties by 满意率, then 按期办结率, then volume, then id', () => {
    // all four score 85: 20 + 30·reply + 30·sat + 20 with reply + sat = 1.5
    const ranked = rankDepartments(
      [
        { departmentId: 7, kpis: full([1, 2], [1, 1], 10) },
        { departmentId: 5, kpis: full([1, 1], [1, 2], 10) }, // the higher 满意率 first
        { departmentId: 6, kpis: full([1, 2], [1, 1], 30) }, // same rates as 7, more tickets
        { departmentId: 3, kpis: full([1, 2], [1, 1], 10) }, // same as 7 in every way: the lower id
      ],
      w,
    );
    expect(ranked.every((r) => r.score === 85)).toBe(true);
    expect(ranked.map((r) => r.departmentId)).toEqual([5, 6, 3, 7]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('a score equal when rounded is a tie', () => {
    // 100·(20 + 30·(1/3) + 30 + 20)/100 = 80 − ε vs 80 exactly after rounding
    const a = kpis({ onTimeAcceptRate: [1, 1], onTimeReplyRate: [1, 3], satisfactionRate: [1, 1], returnRate: [0, 1], repeatCallRate: [0, 1], received: 1 });
    const b = kpis({ onTimeAcceptRate: [1, 1], onTimeReplyRate: [1, 3], satisfactionRate: [1, 1], returnRate: [0, 1], repeatCallRate: [0, 1], received: 2 });
    expect(
      rankDepartments(
        [
          { departmentId: 1, kpis: a },
          { departmentId: 2, kpis: b },
        ],
        w,
      ).map((r) => r.departmentId),
    ).toEqual([2, 1]);
  });

  it('previous ranks: only departments that had a score', () => {
    const prev = rankDepartments(
      [
        { departmentId: 1, kpis: full([1, 1], [1, 1]) },
        { departmentId: 2, kpis: kpis() },
      ],
      w,
    );
    expect([...previousRanks(prev)]).toEqual([[1, 1]]);
  });
});

describe('rankingKpis', () => {
  const none = { atStart: 0, added: 0, cleared: 0 };
  it('adds 退单率 = returns / dispatches to the KPIs; none dispatched: no rate', () => {
    const kpis = kpisFromCounts(emptyKpiCounts());
    expect(rankingKpis(kpis, { dispatches: 3, returns: 1 }, none)).toEqual({ ...kpis, returnRate: rate(1, 3), backlogClearedRate: rate(0, 0) });
    expect(rankingKpis(kpis, { dispatches: 0, returns: 0 }, none).returnRate).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('adds 积案清零率 = cleared / (at the start + added)', () => {
    const kpis = kpisFromCounts(emptyKpiCounts());
    // 3 on the register at the start, 2 added, 4 cleared: 4 / 5
    expect(rankingKpis(kpis, { dispatches: 0, returns: 0 }, { atStart: 3, added: 2, cleared: 4 }).backlogClearedRate).toEqual({ numerator: 4, denominator: 5, rate: 0.8 });
  });
});
