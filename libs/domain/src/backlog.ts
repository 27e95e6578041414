import type { RateDto } from '@hotline/contracts';
import { rate, type TimeRange } from './kpi';

/** What makes a ticket 积案 (backlog): open too long, reopened too often, or called about too often. */
export interface BacklogRules {
  days: number;
  reopenings: number;
  calls: number;
}

export const DEFAULT_BACKLOG_RULES: BacklogRules = { days: 30, reopenings: 2, calls: 3 };

export type BacklogReason = 'age' | 'reopened' | 'repeat';

/** What the rules read from a ticket. */
export interface BacklogTicket {
  createdAt: Date;
  closedAt: Date | null;
  reopenCount: number;
  /** Calls about the problem: the ticket itself and the repeat calls merged into it. */
  calls: number;
  /** When it was reopened the n-th time or called the n-th time (recorded as it happens); null: neither yet. */
  backlogSince: Date | null;
}

const DAY_MS = 24 * 3600_000;

/** Why the ticket is on the register at `at` (empty: it is not). A closed ticket is cleared (清零), whatever it was. */
export function backlogReasons(t: BacklogTicket, at: Date, rules: BacklogRules = DEFAULT_BACKLOG_RULES): BacklogReason[] {
  if (t.closedAt !== null && t.closedAt <= at) return [];
  const out: BacklogReason[] = [];
  if (at.getTime() - t.createdAt.getTime() >= rules.days * DAY_MS) out.push('age');
  if (t.reopenCount >= rules.reopenings) out.push('reopened');
  if (t.calls >= rules.calls) out.push('repeat');
  return out;
}

/** When the ticket became 积案: the earlier of its age limit and the recorded reopening or repeat call. */
export function backlogEntry(t: Pick<BacklogTicket, 'createdAt' | 'backlogSince'>, rules: BacklogRules = DEFAULT_BACKLOG_RULES): Date {
  const byAge = t.createdAt.getTime() + rules.days * DAY_MS;
  return new Date(t.backlogSince ? Math.min(byAge, t.backlogSince.getTime()) : byAge);
}

/** Whole days open at `at` (a closed ticket: until it closed). */
export function ageDays(t: Pick<BacklogTicket, 'createdAt' | 'closedAt'>, at: Date): number {
  const end = t.closedAt && t.closedAt < at ? t.closedAt : at;
  return Math.floor((end.getTime() - t.createdAt.getTime()) / DAY_MS);
}

export interface BacklogTally {
  atStart: number;
  added: number;
  cleared: number;
  now: number;
}

/**
 * 清零 progress over P: on the register at its start; added during it; cleared (closed while on the register) during
 * it; on the register at its end (or now, while P runs). atStart + added - cleared = now.
 */
export function backlogTally(
  tickets: Iterable<Pick<BacklogTicket, 'createdAt' | 'closedAt' | 'backlogSince'>>,
  p: TimeRange,
  now: Date,
  rules: BacklogRules = DEFAULT_BACKLOG_RULES,
): BacklogTally {
  const end = p.to < now ? p.to : now;
  const x: BacklogTally = { atStart: 0, added: 0, cleared: 0, now: 0 };
  for (const t of tickets) {
    const entry = backlogEntry(t, rules);
    const openAt = (at: Date) => t.closedAt === null || t.closedAt >= at;
    if (entry < p.from && openAt(p.from)) x.atStart++;
    if (entry >= p.from && entry < end && (t.closedAt === null || t.closedAt >= entry)) x.added++;
    if (t.closedAt !== null && t.closedAt >= p.from && t.closedAt < end && entry <= t.closedAt) x.cleared++;
    if (entry < end && (t.closedAt === null || t.closedAt >= end)) x.now++;
  }
  return x;
}

/**
 * 积案清零率 (backlog cleared rate) of a department over P, from its 清零 progress (backlogTally, GET /backlog/progress):
 * cleared in P / (on the register at P's start + added during P). Every ticket cleared was on the register at the
 * start or added during P, so it is at most 1. A department with no 积案 at all in P (nothing at the start, nothing
 * added) has nothing to divide: null, like every other rate with a zero denominator. The ranking then leaves the figure
 * and its weight out (ranking.ts), so a department without 积案 is neither punished (0 %) nor handed full marks (100 %)
 * for what did not happen: it is judged on its other KPIs.
 */
export function backlogClearedRate(t: Pick<BacklogTally, 'atStart' | 'added' | 'cleared'>): RateDto {
  return rate(t.cleared, t.atStart + t.added);
}

export const BACKLOG_CLEARED_FORMULA =
  '积案清零率 = 积案 cleared (closed while on the register) in P / (积案 on the register at the start of P + 积案 added during P); null without 积案';
