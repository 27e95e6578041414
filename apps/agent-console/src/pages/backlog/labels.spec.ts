import { describe, expect, it } from 'vitest';
import { recentInstructions } from '../leader/recent';
import { REASON_LABELS, clearanceRate, progressTotal, rateText } from './labels';

describe('积案 register and 清零 progress', () => {
  it('reads the reasons in Chinese', () => {
    expect(['age', 'reopened', 'repeat'].map((r) => REASON_LABELS[r as keyof typeof REASON_LABELS])).toEqual(['超期未办结', '多次重办', '重复来电']);
  });
  it('清零率 is the share of the period\u2019s backlog cleared; none to clear reads as a dash', () => {
    expect(rateText(clearanceRate({ atStart: 3, added: 1, cleared: 3 }))).toBe('75.0%');
    expect(rateText(clearanceRate({ atStart: 0, added: 0, cleared: 0 }))).toBe('—');
    expect(rateText(clearanceRate({ atStart: 2, added: 0, cleared: 2 }))).toBe('100.0%');
  });
  it('adds the departments up, and the sum still balances (期初 + 新增 − 清零 = 现有)', () => {
    const total = progressTotal([
      { departmentId: 1, atStart: 2, added: 1, cleared: 1, now: 2 },
      { departmentId: 2, atStart: 0, added: 3, cleared: 0, now: 3 },
    ]);
    expect(total).toEqual({ atStart: 2, added: 4, cleared: 1, now: 5 });
    expect(total.atStart + total.added - total.cleared).toBe(total.now);
  });
});

describe('a leader\u2019s latest instructions', () => {
  it('merges the cases\u2019 instructions newest first, at most the limit', () => {
    const i = (id: number, ticketId: number, at: string) => ({ id, ticketId, userId: 7, text: `阅批${id}`, at });
    const recent = recentInstructions([[i(1, 5, '2026-12-01T00:00:00.000Z'), i(4, 5, '2026-12-03T00:00:00.000Z')], undefined, [i(2, 6, '2026-12-02T00:00:00.000Z')]], 2);
    expect(recent.map((x) => x.id)).toEqual([4, 2]);
  });
});
