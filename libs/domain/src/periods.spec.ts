import { hourBuckets, parseShanghaiDay, shanghaiDate, shanghaiDayRange, shanghaiWeekRange } from './periods';

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
