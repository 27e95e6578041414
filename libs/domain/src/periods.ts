import type { TimeRange } from './kpi';

/** China keeps one time zone without daylight saving: local time is UTC+8 all year. The one place that says so. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const OFFSET_MS = SHANGHAI_OFFSET_MS;
const DAY_MS = 24 * 3600_000;

/** The start of the Asia/Shanghai day containing the instant `ms`, as an instant. */
export function shanghaiMidnight(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** The Asia/Shanghai calendar day containing `at`: [local midnight, next local midnight). */
export function shanghaiDayRange(at: Date): TimeRange {
  const from = shanghaiMidnight(at.getTime());
  return { from: new Date(from), to: new Date(from + DAY_MS) };
}

/** Parses `YYYY-MM-DD` as an Asia/Shanghai day; null when it is not a real date. */
export function parseShanghaiDay(day: string): TimeRange | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(utc);
  if (check.getUTCFullYear() !== Number(m[1]) || check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) return null;
  return { from: new Date(utc - OFFSET_MS), to: new Date(utc - OFFSET_MS + DAY_MS) };
}

/** The local date of a period start as `YYYY-MM-DD`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Local date and time to the minute, `YYYY-MM-DD HH:mm`, as reports print it. */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Monday-to-Sunday week (Asia/Shanghai) containing `at`. */
export function shanghaiWeekRange(at: Date): TimeRange {
  const day = shanghaiDayRange(at);
  const weekday = new Date(day.from.getTime() + OFFSET_MS).getUTCDay(); // 0 = Sunday
  const from = day.from.getTime() - ((weekday + 6) % 7) * DAY_MS;
  return { from: new Date(from), to: new Date(from + 7 * DAY_MS) };
}

/** The start of each of the `hours` whole hours ending with the current one, oldest first. */
export function hourBuckets(now: Date, hours: number): Date[] {
  const current = Math.floor(now.getTime() / 3600_000) * 3600_000;
  return Array.from({ length: hours }, (_, i) => new Date(current - (hours - 1 - i) * 3600_000));
}

/** The calendar month (Asia/Shanghai) containing `at`. */
export function shanghaiMonthRange(at: Date): TimeRange {
  const local = new Date(at.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return { from: new Date(Date.UTC(y, m, 1) - OFFSET_MS), to: new Date(Date.UTC(y, m + 1, 1) - OFFSET_MS) };
}

/** The calendar quarter (Asia/Shanghai) containing `at`: January-March, April-June, … */
export function shanghaiQuarterRange(at: Date): TimeRange {
  const local = new Date(at.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const q = Math.floor(local.getUTCMonth() / 3) * 3;
  return { from: new Date(Date.UTC(y, q, 1) - OFFSET_MS), to: new Date(Date.UTC(y, q + 3, 1) - OFFSET_MS) };
}

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter';

/** The period of this kind containing `at`. */
export function periodRange(kind: PeriodKind, at: Date): TimeRange {
  switch (kind) {
    case 'day':
      return shanghaiDayRange(at);
    case 'week':
      return shanghaiWeekRange(at);
    case 'month':
      return shanghaiMonthRange(at);
    case 'quarter':
      return shanghaiQuarterRange(at);
  }
}

/** The period of the same kind just before `p` (whose start is a period start). */
export function previousPeriod(kind: PeriodKind, p: TimeRange): TimeRange {
  return periodRange(kind, new Date(p.from.getTime() - 1));
}

/** The `count` periods ending with `p`, oldest first. */
export function periodsEndingWith(kind: PeriodKind, p: TimeRange, count: number): TimeRange[] {
  const out = [p];
  while (out.length < count) out.unshift(previousPeriod(kind, out[0]));
  return out;
}
