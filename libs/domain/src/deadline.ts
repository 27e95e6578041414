import { addWorkingTime, type BusinessCalendar } from './business-calendar';
import type { Urgency } from '@hotline/contracts';

/** The contract's resolution window per urgency, in (SLA) hours: 特急 2, 紧急 4, 普通 12 (the default SLA policies). */
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

/** `start` plus `ms` of SLA time: plain time round the clock, working time on a business calendar. */
export function addSlaTime(start: Date, ms: number, calendar: BusinessCalendar | null = null): Date {
  return calendar ? addWorkingTime(start, ms, calendar) : new Date(start.getTime() + ms);
}

/** When a window of `hours` SLA hours opened at `start` turns yellow and when it is due, round the clock or on a calendar. */
export function slaWindow(start: Date, hours: number, warningRatio: number, secondsPerHour: number, calendar: BusinessCalendar | null = null): { dueAt: Date; warnAt: Date } {
  const ms = slaHoursToMs(hours, secondsPerHour);
  return { dueAt: addSlaTime(start, ms, calendar), warnAt: addSlaTime(start, Math.round(ms * warningRatio), calendar) };
}
