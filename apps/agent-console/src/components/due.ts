import { timeLeft } from '@hotline/domain';
import type { Tone } from './countdown';

/** A deadline other than the ticket's own: a 督办单's, the tracker's next follow-up. */
export interface Due {
  dueAt: string | null;
  /** When the window opened (the order given, the last follow-up): yellow in its last quarter. */
  since?: string | null;
  /** The clock has stopped (answered, closed): what to say instead of the time left. */
  done?: string | null;
  /** Passed already, whatever the clock says now (an order the service marked overdue). */
  overdue?: boolean;
}

const YELLOW_WHEN_LEFT = 0.25;

/** Red past the deadline (or when marked overdue), yellow in the last quarter of its window, stopped once done. */
export function dueTone(d: Due, now: number): Tone {
  if (d.done || !d.dueAt) return 'stopped';
  const due = Date.parse(d.dueAt);
  if (d.overdue || now >= due) return 'red';
  const window = d.since ? due - Date.parse(d.since) : 0;
  return window > 0 && due - now <= window * YELLOW_WHEN_LEFT ? 'yellow' : 'green';
}

export function dueText(d: Due, now: number): string {
  if (d.done) return d.done;
  if (!d.dueAt) return '—';
  return timeLeft(d.dueAt, now);
}
