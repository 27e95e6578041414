import type { TicketDto } from '@hotline/contracts';

type Tracked = Pick<TicketDto, 'status' | 'followUpDueAt' | 'createdAt'>;

/** Whether the tracker's follow-up is late now (an open ticket past its follow-up time). */
export const followUpLate = (t: Tracked, now: number) => t.status !== 'closed' && t.followUpDueAt !== null && Date.parse(t.followUpDueAt) <= now;

/**
 * 我跟踪的, follow-ups first: open tickets by their next follow-up time (the late ones on top), then open tickets
 * without one, then the closed ones, newest first.
 */
export function byFollowUpDue<T extends Tracked>(tickets: readonly T[]): T[] {
  const rank = (t: Tracked) => (t.status === 'closed' ? 2 : t.followUpDueAt === null ? 1 : 0);
  return [...tickets].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (rank(a) === 0) return Date.parse(a.followUpDueAt!) - Date.parse(b.followUpDueAt!);
    return Date.parse(b.createdAt) - Date.parse(a.createdAt);
  });
}
