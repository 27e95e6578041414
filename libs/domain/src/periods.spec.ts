import {
  hourBuckets,
  parseShanghaiDay,
  periodRange,
  periodsEndingWith,
  previousPeriod,
  shanghaiDate,
  shanghaiDayRange,
  shanghaiMonthRange,
  shanghaiQuarterRange,
  shanghaiWeekRange,
} from './periods';

describe('Shanghai periods', () => {
  it('a day runs from local midnight (16:00 UTC the day before)', () => {
    const p = shanghaiDayRange(new Date('2026-11-21T15:59:59.999Z'));
    expect(p.from.toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(shanghaiDayRange(new Date('2026-11-21T16:00:00.000Z')).from.toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('parses real dates only', () => {
    expect(parseShanghaiDay('2026-11-22')!.from.toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(parseShanghaiDay('2026-02-30')).toBeNull();
    expect(parseShanghaiDay('2026-13-01')).toBeNull();
    expect(parseShanghaiDay('22/11/2026')).toBeNull();
    expect(shanghaiDate(new Date('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
  });

  it('a week runs Monday to Monday, local time', () => {
    // 2026-11-22 is a Sunday in Shanghai; its week began on Monday 2026-11-16
    const p = shanghaiWeekRange(new Date('2026-11-22T10:00:00.000Z'));
    expect(p.from.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    // Monday 00:30 local belongs to the new week
    expect(shanghaiWeekRange(new Date('2026-11-22T16:30:00.000Z')).from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('hour buckets end with the current hour', () => {
    const b = hourBuckets(new Date('2026-11-22T10:42:00.000Z'), 24);
    expect(b).toHaveLength(24);
    expect(b[23].toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(b[0].toISOString()).toBe('2026-11-21T11:00:00.000Z');
  });
});

describe('months, quarters and the periods before', () => {
  it('a month runs from the 1st local midnight, across the year end', () => {
    const p = shanghaiMonthRange(new Date('2026-12-31T16:30:00.000Z')); // 2027-01-01 00:30 local
    expect(p.from.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2027-01-31T16:00:00.000Z');
    const feb = shanghaiMonthRange(new Date('2028-02-29T12:00:00.000Z'));
    expect(feb.to.getTime() - feb.from.getTime()).toBe(29 * 24 * 3600_000);
  });

  it('a quarter is three months', () => {
    const q = shanghaiQuarterRange(new Date('2026-05-20T00:00:00.000Z'));
    expect(q.from.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(q.to.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(shanghaiQuarterRange(new Date('2026-03-31T15:59:59.999Z')).from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('the period before, and the last twelve', () => {
    const march = periodRange('month', new Date('2026-03-10T00:00:00.000Z'));
    expect(previousPeriod('month', march).from.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(previousPeriod('quarter', periodRange('quarter', march.from)).from.toISOString()).toBe('2025-09-30T16:00:00.000Z');
    expect(previousPeriod('week', periodRange('week', march.from)).to.toISOString()).toBe(periodRange('week', march.from).from.toISOString());
    const twelve = periodsEndingWith('month', march, 12);
    expect(twelve).toHaveLength(12);
    expect(twelve[0].from.toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(twelve[11]).toBe(march);
    for (let i = 1; i < 12; i++) expect(twelve[i].from.getTime()).toBe(twelve[i - 1].to.getTime());
    expect(periodRange('day', march.from).to.getTime() - march.from.getTime()).toBe(24 * 3600_000);
  });
});
