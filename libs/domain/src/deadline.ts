import { addWorkingTime, type BusinessCalendar } from './business-calendar';
import type { SlaState, Urgency } from '@hotline/contracts';

/** Resolution window per urgency, in (SLA) hours: 特急 2, 紧急 4, 普通 12. */
export const URGENCY_HOURS: Readonly<Record<Urgency, number>> = { extra_urgent: 2, urgent: 4, normal: 12 };

/** Share of the window elapsed at which a ticket turns yellow. */
export const DEFAULT_WARNING_RATIO = 0.75;

/**
 * Length of a window of `hours` SLA hours in milliseconds.
 * `secondsPerHour` is SLA_SECONDS_PER_HOUR: 3600 in production, small in tests.
 */
export function slaHoursToMs(hours: number, secondsPerHour: number): number {
  if (!(hours >= 0) || !(secondsPerHour > 0)) throw new RangeError(`invalid SLA duration: ${hours} h at ${secondsPerHour} s/h`);
  return Math.round(hours * secondsPerHour * 1000);
}

/** dueAt = start + hours(urgency) * SLA_SECONDS_PER_HOUR seconds. */
export function computeDueAt(
  start: Date,
  urgency: Urgency,
  secondsPerHour: number,
  hoursByUrgency: Readonly<Record<Urgency, number>> = URGENCY_HOURS,
): Date {
  const hours = hoursByUrgency[urgency];
  if (hours === undefined) throw new RangeError(`unknown urgency: ${String(urgency)}`);
  return new Date(start.getTime() + slaHoursToMs(hours, secondsPerHour));
}

/** The moment a window from `start` to `due` turns yellow. */
export function warningAt(start: Date, due: Date, ratio = DEFAULT_WARNING_RATIO): Date {
  return new Date(start.getTime() + Math.round((due.getTime() - start.getTime()) * ratio));
}

/** Where a running clock stands at `now` (for a clock that is not stopped by a reply). */
export function slaStateAt(now: Date, start: Date, due: Date, ratio = DEFAULT_WARNING_RATIO): SlaState {
  if (now.getTime() >= due.getTime()) return 'breached';
  if (now.getTime() >= warningAt(start, due, ratio).getTime()) return 'warning';
  return 'on_track';
}

/** When a window of `hours` SLA hours opened at `start` turns yellow and when it is due, round the clock or on a calendar. */
export function slaWindow(
  start: Date,
  hours: number,
  warningRatio: number,
  secondsPerHour: number,
  calendar: BusinessCalendar | null = null,
): { dueAt: Date; warnAt: Date } {
  const ms = slaHoursToMs(hours, secondsPerHour);
  const warnMs = Math.round(ms * warningRatio);
  if (!calendar) return { dueAt: new Date(start.getTime() + ms), warnAt: new Date(start.getTime() + warnMs) };
  return { dueAt: addWorkingTime(start, ms, calendar), warnAt: addWorkingTime(start, warnMs, calendar) };
}
