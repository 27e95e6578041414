import type { BacklogItemDto, BacklogProgressDto } from '@hotline/contracts';

export type BacklogReason = BacklogItemDto['reasons'][number];

/** Why a ticket is on the 积案 register. */
export const REASON_LABELS: Record<BacklogReason, string> = { age: '超期未办结', reopened: '多次重办', repeat: '重复来电' };

/** 清零率: the share of the period's backlog (on the register at its start, or added during it) cleared in it. */
export function clearanceRate(p: Pick<BacklogProgressDto, 'atStart' | 'added' | 'cleared'>): number | null {
  const base = p.atStart + p.added;
  return base > 0 ? p.cleared / base : null;
}

export const rateText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The departments' rows added up (the register's total line). */
export function progressTotal(rows: readonly BacklogProgressDto[]): Omit<BacklogProgressDto, 'departmentId'> {
  return rows.reduce((s, r) => ({ atStart: s.atStart + r.atStart, added: s.added + r.added, cleared: s.cleared + r.cleared, now: s.now + r.now }), {
    atStart: 0,
    added: 0,
    cleared: 0,
    now: 0,
  });
}
