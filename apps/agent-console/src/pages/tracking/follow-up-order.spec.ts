import { describe, expect, it } from 'vitest';
import { byFollowUpDue, followUpLate } from './follow-up-order';

const t = (no: string, status: 'accepted' | 'closed' | 'dispatched', followUpDueAt: string | null, createdAt = '2026-12-01T00:00:00.000Z') => ({
  no,
  status,
  followUpDueAt,
  createdAt,
});

describe('我跟踪的: follow-ups due first', () => {
  const list = [
    t('closed-new', 'closed', null, '2026-12-03T00:00:00.000Z'),
    t('none', 'accepted', null),
    t('later', 'accepted', '2026-12-03T10:00:00.000Z'),
    t('closed-old', 'closed', null, '2026-11-01T00:00:00.000Z'),
    t('late', 'dispatched', '2026-12-03T08:00:00.000Z'),
  ];
  it('orders open tickets by their next follow-up, then those without one, then the closed, newest first', () => {
    expect(byFollowUpDue(list).map((x) => x.no)).toEqual(['late', 'later', 'none', 'closed-new', 'closed-old']);
  });
  it('a follow-up is late once its time has come, never on a closed ticket', () => {
    const now = Date.parse('2026-12-03T09:00:00.000Z');
    expect(list.filter((x) => followUpLate(x, now)).map((x) => x.no)).toEqual(['late']);
    expect(followUpLate(t('c', 'closed', '2026-12-03T08:00:00.000Z'), now)).toBe(false);
  });
});
