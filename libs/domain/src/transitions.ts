import { OPEN_STATUSES } from '@hotline/contracts';
import type { Role, Satisfaction, TicketAction, TicketStatus } from '@hotline/contracts';

/** `unchanged`: the action records something but leaves the status where it is. */
export type TargetStatus = TicketStatus | 'unchanged';

export interface TransitionRule {
  /** Roles that may take the action. */
  roles: readonly Role[];
  /** A handler may act only on a ticket dispatched to the handler's own department. */
  ownDepartmentOnly: boolean;
  from: readonly TicketStatus[];
  to: TargetStatus;
  /** Where an unsatisfied callback sends the ticket instead of `to`. */
  toWhenUnsatisfied?: TicketStatus;
}

const CENTRE: readonly Role[] = ['agent', 'supervisor'];
const HANDLER: readonly Role[] = ['handler'];
const SUPERVISOR: readonly Role[] = ['supervisor'];

/**
 * Every transition of a ticket, as the contract's action table states it.
 * Read it against shared/docs/api-contract.md ("Actions") line by line.
 */
export const TRANSITIONS: Readonly<Record<TicketAction, TransitionRule>> = {
  dispatch: { roles: CENTRE, ownDepartmentOnly: false, from: ['registered', 'returned'], to: 'dispatched' },
  accept: { roles: HANDLER, ownDepartmentOnly: true, from: ['dispatched'], to: 'accepted' },
  return: { roles: HANDLER, ownDepartmentOnly: true, from: ['dispatched', 'accepted'], to: 'returned' },
  reply: { roles: HANDLER, ownDepartmentOnly: true, from: ['accepted'], to: 'replied' },
  callback: { roles: CENTRE, ownDepartmentOnly: false, from: ['replied'], to: 'closed', toWhenUnsatisfied: 'dispatched' },
  resolve: { roles: CENTRE, ownDepartmentOnly: false, from: ['registered'], to: 'closed' },
  urge: { roles: CENTRE, ownDepartmentOnly: false, from: OPEN_STATUSES, to: 'unchanged' },
  reclassify: { roles: CENTRE, ownDepartmentOnly: false, from: OPEN_STATUSES, to: 'unchanged' },
  // Our extension (issue 6): a repeat call closes as a duplicate of the original before a department works on it.
  merge: { roles: CENTRE, ownDepartmentOnly: false, from: ['registered', 'dispatched', 'returned'], to: 'closed' },
  // 改派 (contract "Supervision and accountability"): the centre moves the ticket to another department.
  redirect: { roles: SUPERVISOR, ownDepartmentOnly: false, from: ['dispatched', 'accepted'], to: 'dispatched' },
};

/** Who may register a ticket (`POST /tickets`). */
export const CREATE_ROLES: readonly Role[] = CENTRE;

export function mayTake(action: TicketAction, role: Role): boolean {
  return TRANSITIONS[action].roles.includes(role);
}

export function allowedFrom(action: TicketAction, status: TicketStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextStatus(action: TicketAction, from: TicketStatus, opts: { satisfaction?: Satisfaction } = {}): TicketStatus | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) return null;
  if (rule.toWhenUnsatisfied && opts.satisfaction === 'unsatisfied') return rule.toWhenUnsatisfied;
  return rule.to === 'unchanged' ? from : rule.to;
}

/** The actions `role` could take on a ticket in `status` now (for consoles showing buttons). */
export function availableActions(role: Role, status: TicketStatus): TicketAction[] {
  return (Object.keys(TRANSITIONS) as TicketAction[]).filter((a) => mayTake(a, role) && allowedFrom(a, status));
}
