import type { FollowUpDuePayload, SupervisionEventPayload, UserDto } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { notice } from './live';

const user = (role: UserDto['role'], id = 1, departmentId: number | null = null): UserDto => ({ id, username: role, displayName: role, role, departmentId });
const base = {
  ticketId: 7,
  no: '20261203-000007',
  status: 'accepted',
  urgency: 'extra_urgent',
  departmentId: 2,
  slaState: 'on_track',
  dueAt: '2026-12-03T10:00:00.000Z',
  at: '2026-12-03T09:00:00.000Z',
} as const;
const order = (action: SupervisionEventPayload['action']): SupervisionEventPayload => ({
  ...base,
  supervisionId: 11,
  kind: 'manual',
  level: 'centre',
  supervisionStatus: 'open',
  supervisionDueAt: base.dueAt,
  action,
});
const due: FollowUpDuePayload = { ...base, trackerId: 1, followUpDueAt: base.at };

describe('live notices for 跟踪 and 督办', () => {
  it('a missed follow-up tells the tracker and the supervisors, nobody else', () => {
    expect(notice(user('agent', 1), 'follow_up.due', due)).toBe('工单 20261203-000007 已到跟踪时间，请及时跟踪');
    expect(notice(user('agent', 2), 'follow_up.due', due)).toBeNull();
    expect(notice(user('supervisor', 4), 'follow_up.due', due)).toBe('工单 20261203-000007 跟踪人未按时跟踪');
  });
  it('a new order asks its department to answer; an answer asks the supervisor to close it', () => {
    expect(notice(user('handler', 3, 2), 'supervision.opened', order('supervise'))).toBe('工单 20261203-000007 收到督办单，请按时反馈');
    expect(notice(user('handler', 3, 5), 'supervision.opened', order('supervise'))).toBeNull();
    expect(notice(user('supervisor', 4), 'supervision.opened', order('supervise'))).toBeNull();
    expect(notice(user('supervisor', 4), 'supervision.updated', order('supervision_response'))).toBe('工单 20261203-000007 的督办单已反馈，待办结');
    expect(notice(user('handler', 3, 2), 'supervision.updated', order('supervision_close'))).toBeNull();
  });
  it('a leader\u2019s instruction reaches the department', () => {
    expect(notice(user('handler', 3, 2), 'ticket.updated', { ...base, action: 'instruct' })).toBe('工单 20261203-000007 有领导阅批');
  });
});
