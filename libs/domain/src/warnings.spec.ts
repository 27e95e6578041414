import { warningsDue } from './warnings';

const rule = { growthPercent: 50, minCount: 10 };

describe('warningsDue', () => {
  it('warns above the threshold over the average of the periods before', () => {
    // baseline (10 + 12 + 14) / 3 = 12; 19 is +58.33 %
    expect(warningsDue([{ key: 'a', current: 19, previous: [10, 12, 14] }], rule)).toEqual([{ key: 'a', current: 19, previous: 12, growth: 0.5833 }]);
  });

  it('not at or below the threshold', () => {
    // exactly +50 %: not more than the threshold
    expect(warningsDue([{ key: 'a', current: 18, previous: [12, 12, 12] }], rule)).toEqual([]);
    expect(warningsDue([{ key: 'a', current: 12, previous: [12] }], rule)).toEqual([]);
    expect(warningsDue([{ key: 'a', current: 5, previous: [20] }], rule)).toEqual([]);
  });

  it('not below the least count, however steep', () => {
    expect(warningsDue([{ key: 'a', current: 9, previous: [1, 1, 1] }], rule)).toEqual([]);
    expect(warningsDue([{ key: 'a', current: 9, previous: [] }], rule)).toEqual([]);
  });

  it('a baseline of 0 warns with no growth figure once the count is reached', () => {
    expect(warningsDue([{ key: 'a', current: 10, previous: [0, 0] }], rule)).toEqual([{ key: 'a', current: 10, previous: 0, growth: null }]);
    expect(warningsDue([{ key: 'a', current: 10, previous: [] }], rule)).toEqual([{ key: 'a', current: 10, previous: 0, growth: null }]);
  });

  it('each candidate on its own', () => {
    const due = warningsDue(
      [
        { key: 1, current: 30, previous: [10, 10, 10] },
        { key: 2, current: 11, previous: [10, 10, 10] },
        { key: 3, current: 16, previous: [10, 10, 10] },
      ],
      rule,
    );
    expect(due.map((d) => [d.key, d.growth])).toEqual([
      [1, 2],
      [3, 0.6],
    ]);
  });
});
