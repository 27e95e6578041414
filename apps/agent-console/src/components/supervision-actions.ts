import type { SupervisionDto, TicketDto, UserDto } from '@hotline/contracts';

/** What the detail page's 跟踪督办 card offers: the tracker, follow-ups, orders, the leader and instructions. */
export type CaseAction = 'take' | 'assign_tracker' | 'follow_up' | 'supervise' | 'assign_leader' | 'instruct';
export type OrderAction = 'respond' | 'close';

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  take: '我来跟踪',
  assign_tracker: '指定跟踪人',
  follow_up: '记录跟踪',
  supervise: '发起督办',
  assign_leader: '指定包案领导',
  instruct: '阅批',
};
export const ORDER_ACTION_LABELS: Record<OrderAction, string> = { respond: '反馈', close: '办结督办' };

type Me = Pick<UserDto, 'id' | 'role' | 'departmentId'>;

/**
 * The buttons the signed-in user sees, as the API allows them: an agent takes a ticket itself and, once its tracker,
 * logs follow-ups; a supervisor names the tracker, logs follow-ups, gives orders and a leader; a leader logs follow-ups
 * when tracking and instructs only its own cases. Nothing but an instruction on a closed ticket, nothing at all on an
 * archived one (read-only).
 */
export function caseActionsFor(me: Me, t: Pick<TicketDto, 'status' | 'trackerId' | 'leaderId' | 'archivedAt'>): CaseAction[] {
  const out: CaseAction[] = [];
  if (t.archivedAt) return out;
  const open = t.status !== 'closed';
  if (open && me.role === 'agent') out.push(t.trackerId === me.id ? 'follow_up' : 'take');
  if (open && me.role === 'supervisor') out.push('assign_tracker', 'follow_up', 'supervise', 'assign_leader');
  if (open && me.role === 'leader' && t.trackerId === me.id) out.push('follow_up');
  if (me.role === 'leader' && t.leaderId === me.id) out.push('instruct');
  return out;
}

/** 反馈 for a handler of the order's department while it is open; 办结督办 for a supervisor until it is closed. */
export function orderActionsFor(me: Me, o: Pick<SupervisionDto, 'status' | 'departmentId'>): OrderAction[] {
  if (me.role === 'handler' && o.status === 'open' && o.departmentId !== null && o.departmentId === me.departmentId) return ['respond'];
  if (me.role === 'supervisor' && o.status !== 'closed') return ['close'];
  return [];
}
