/**
 * Working-time arithmetic on a business calendar, in Asia/Shanghai time (UTC+8 all year, no DST).
 * A calendar has working periods per weekday (e.g. 08:30-12:00 and 13:30-17:30, the gap is lunch),
 * public holidays (no work that day) and make-up working days (调休: a weekend day worked as a weekday).
 */

import { SHANGHAI_OFFSET_MS as LOCAL_OFFSET_MS, shanghaiMidnight as localMidnight } from './periods';

const DAY_MS = 24 * 3600 * 1000;
/** A calendar with no working time at all would loop forever; ten years without work is treated as that. */
const MAX_DAYS = 3660;

/** Minutes after local midnight, [start, end). */
export type Period = readonly [startMinute: number, endMinute: number];

export interface BusinessCalendar {
  /** Index 0 = Sunday ... 6 = Saturday, as Date.getUTCDay() counts. */
  weekdays: ReadonlyArray<readonly Period[]>;
  /** Local dates (YYYY-MM-DD) with no work, whatever the weekday. */
  holidays: readonly string[];
  /** Local dates (YYYY-MM-DD) worked although they fall on a weekend (调休). */
  makeUpDays: readonly string[];
  /** The periods of a make-up day; by default those of Monday. */
  makeUpPeriods?: readonly Period[];
}

const hm = (h: number, m = 0) => h * 60 + m;
const OFFICE: readonly Period[] = [
  [hm(8, 30), hm(12)],
  [hm(13, 30), hm(17, 30)],
];

/** Monday to Friday 08:30-12:00 and 13:30-17:30, no holidays: the usual government office day. */
export const STANDARD_OFFICE_CALENDAR: BusinessCalendar = {
  weekdays: [[], OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, []],
  holidays: [],
  makeUpDays: [],
};

/** Checks a calendar's shape; returns what is wrong, or null. */
export function calendarProblem(cal: BusinessCalendar): string | null {
  if (!Array.isArray(cal.weekdays) || cal.weekdays.length !== 7) return 'weekdays must list 7 days, Sunday first';
  const all = [...cal.weekdays.map((d, i) => [d, `weekdays[${i}]`] as const), [cal.makeUpPeriods ?? [], 'makeUpPeriods'] as const];
  for (const [periods, name] of all) {
    if (!Array.isArray(periods)) return `${name} must be a list of [startMinute, endMinute] periods`;
    let last = -1;
    for (const p of periods) {
      if (!Array.isArray(p) || p.length !== 2 || !Number.isInteger(p[0]) || !Number.isInteger(p[1])) return `${name} must hold [startMinute, endMinute] pairs`;
      if (p[0] < 0 || p[1] > 1440 || p[0] >= p[1]) return `${name} has a period outside 0..1440 or empty: [${p[0]}, ${p[1]}]`;
      if (p[0] < last) return `${name} periods must be in order and not overlap`;
      last = p[1];
    }
  }
  for (const [list, name] of [
    [cal.holidays, 'holidays'],
    [cal.makeUpDays, 'makeUpDays'],
  ] as const) {
    for (const d of list) if (!isLocalDate(d)) return `${name} must hold dates as YYYY-MM-DD, got ${String(d)}`;
  }
  const hasWork = cal.weekdays.some((d) => d.length > 0) || (cal.makeUpDays.length > 0 && (cal.makeUpPeriods ?? cal.weekdays[1]).length > 0);
  return hasWork ? null : 'the calendar has no working time';
}

function isLocalDate(d: unknown): d is string {
  if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00.000Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** The working periods of the local day starting at `midnight`, as absolute [start, end) instants. */
function periodsOn(cal: BusinessCalendar, midnight: number, holidays: ReadonlySet<string>, makeUp: ReadonlySet<string>): Array<[number, number]> {
  const local = new Date(midnight + LOCAL_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  let periods: readonly Period[];
  if (holidays.has(date)) periods = [];
  else if (makeUp.has(date)) periods = cal.makeUpPeriods ?? cal.weekdays[1];
  else periods = cal.weekdays[local.getUTCDay()];
  return periods.map(([s, e]) => [midnight + s * 60000, midnight + e * 60000]);
}

/** The instant at which `durationMs` of working time has passed since `start`. */
export function addWorkingTime(start: Date, durationMs: number, cal: BusinessCalendar): Date {
  if (!(durationMs >= 0)) throw new RangeError(`duration must be >= 0, got ${durationMs}`);
  if (durationMs === 0) return new Date(start.getTime());
  const holidays = new Set(cal.holidays);
  const makeUp = new Set(cal.makeUpDays);
  let remaining = durationMs;
  let cursor = start.getTime();
  let midnight = localMidnight(cursor);
  for (let day = 0; day < MAX_DAYS; day++, midnight += DAY_MS) {
    for (const [s, e] of periodsOn(cal, midnight, holidays, makeUp)) {
      if (cursor >= e) continue;
      const from = Math.max(cursor, s);
      if (remaining <= e - from) return new Date(from + remaining);
      remaining -= e - from;
      cursor = e;
    }
  }
  throw new RangeError('the calendar has no working time within ten years');
}

/** Working time between two instants (0 when `to` is not after `from`). */
export function workingTimeBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const holidays = new Set(cal.holidays);
  const makeUp = new Set(cal.makeUpDays);
  const end = to.getTime();
  let total = 0;
  for (let midnight = localMidnight(from.getTime()); midnight < end; midnight += DAY_MS) {
    for (const [s, e] of periodsOn(cal, midnight, holidays, makeUp)) {
      const a = Math.max(s, from.getTime());
      const b = Math.min(e, end);
      if (b > a) total += b - a;
    }
  }
  return total;
}
