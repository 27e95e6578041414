import { chineseClock, chineseDate, chineseDateTime, chineseDuration, chineseHours, chineseShortDateTime, timeLeft } from './chinese-time';

describe('Chinese times (Asia/Shanghai)', () => {
  it.each([
    ['2026-12-03T10:30:00.000Z', '2026年12月3日 18:30'],
    ['2026-12-31T16:05:00.000Z', '2027年1月1日 00:05'],
    ['2026-01-01T00:00:00.000Z', '2026年1月1日 08:00'],
    ['2026-02-28T15:59:59.999Z', '2026年2月28日 23:59'],
  ])('%s is %s', (iso, text) => expect(chineseDateTime(iso)).toBe(text));

  it('short forms and the clock', () => {
    // a Shanghai day starts at 16:00 UTC the day before
    expect(chineseDate('2026-11-29T16:00:00.000Z')).toBe('2026年11月30日');
    expect(chineseDate('2026-11-29T15:59:59.999Z')).toBe('2026年11月29日');
    expect(chineseShortDateTime('2026-12-03T10:30:00Z')).toBe('12月3日 18:30');
    expect(chineseClock('2026-12-03T10:30:05Z')).toBe('18:30:05');
    expect(chineseDateTime(new Date('2026-12-03T10:30:00Z'))).toBe('2026年12月3日 18:30');
    expect(chineseDateTime(Date.UTC(2026, 11, 3, 10, 30))).toBe('2026年12月3日 18:30');
  });

  it.each([
    [0, '0秒'],
    [999, '0秒'],
    [45_000, '45秒'],
    [200_000, '3分20秒'],
    [3600_000, '1小时0分'],
    [4800_000, '1小时20分'],
    [-4800_000, '1小时20分'],
    [86400_000, '1天'],
    [2 * 86400_000 + 3 * 3600_000 + 59_000, '2天3小时'],
  ])('%i ms is %s', (ms, text) => expect(chineseDuration(ms)).toBe(text));

  it.each([
    [24, '24小时'],
    [1.5, '1.5小时'],
    [0.25, '0.25小时'],
    [1 / 3, '0.33小时'],
    [48, '2天'],
    [50, '50小时'],
    [720, '30天'],
  ])('%d hours read %s', (h, text) => expect(chineseHours(h)).toBe(text));

  it('says what is left, or how far past', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(timeLeft('2026-12-03T11:20:00Z', now)).toBe('剩余 1小时20分');
    expect(timeLeft('2026-12-03T09:55:00Z', now)).toBe('超期 5分0秒');
    expect(timeLeft(new Date(now), now)).toBe('剩余 0秒');
  });
});
