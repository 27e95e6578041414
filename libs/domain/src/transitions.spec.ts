import { ROLES, STATUSES, TICKET_ACTIONS } from '@hotline/contracts';
import type { Role, TicketAction, TicketStatus } from '@hotline/contracts';
import { TRANSITIONS, allowedFrom, availableActions, mayTake, nextStatus } from './transitions';

/**
 * The contract's action table, written out independently of TRANSITIONS:
 * for each action, who may take it and every allowed from -> to pair.
 */
const OPEN: TicketStatus[] = ['registered', 'dispatched', 'accepted', 'returned', 'replied'];
const CONTRACT: Record<TicketAction, { who: Role[]; moves: Array<[TicketStatus, TicketStatus]> }> = {
  dispatch: {
    who: ['agent', 'supervisor'],
    moves: [
      ['registered', 'dispatched'],
      ['returned', 'dispatched'],
    ],
  },
  accept: { who: ['handler'], moves: [['dispatched', 'accepted']] },
  return: {
    who: ['handler'],
    moves: [
      ['dispatched', 'returned'],
      ['accepted', 'returned'],
    ],
  },
  reply: { who: ['handler'], moves: [['accepted', 'replied']] },
  callback: { who: ['agent', 'supervisor'], moves: [['replied', 'closed']] },
  resolve: { who: ['agent', 'supervisor'], moves: [['registered', 'closed']] },
  urge: { who: ['agent', 'supervisor'], moves: OPEN.map((s) => [s, s] as [TicketStatus, TicketStatus]) },
  reclassify: { who: ['agent', 'supervisor'], moves: OPEN.map((s) => [s, s] as [TicketStatus, TicketStatus]) },
  // not in the contract's table: our extension for repeat calls (重复件), before a department has accepted
  merge: {
    who: ['agent', 'supervisor'],
    moves: [
      ['registered', 'closed'],
      ['dispatched', 'closed'],
      ['returned', 'closed'],
    ],
  },
  // section "Supervision and accountability": redirect | supervisor | dispatched, accepted -> dispatched (another department)
  redirect: {
    who: ['supervisor'],
    moves: [
      ['dispatched', 'dispatched'],
      ['accepted', 'dispatched'],
    ],
  },
};

describe('ticket transition table', () => {
  it('covers exactly the actions of the contract', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_ACTIONS].sort());
  });

  const pairs = TICKET_ACTIONS.flatMap((action) => STATUSES.map((from) => [action, from] as const));
  it.each(pairs)('%s from %s is allowed exactly when the contract allows it', (action, from) => {
    const move = CONTRACT[action].moves.find(([f]) => f === from);
    expect(allowedFrom(action, from)).toBe(Boolean(move));
    expect(nextStatus(action, from, { satisfaction: 'satisfied' })).toBe(move ? move[1] : null);
  });

  const rolePairs = TICKET_ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const));
  it.each(rolePairs)('%s by %s is permitted exactly when the contract permits it', (action, role) => {
    expect(mayTake(action, role)).toBe(CONTRACT[action].who.includes(role));
  });

  it('sends an unsatisfied callback back to dispatched, any other satisfaction closes', () => {
    expect(nextStatus('callback', 'replied', { satisfaction: 'unsatisfied' })).toBe('dispatched');
    expect(nextStatus('callback', 'replied', { satisfaction: 'basically_satisfied' })).toBe('closed');
    expect(nextStatus('callback', 'accepted', { satisfaction: 'unsatisfied' })).toBeNull();
  });

  it('limits department actions to the own department', () => {
    for (const a of TICKET_ACTIONS) expect(TRANSITIONS[a].ownDepartmentOnly).toBe(CONTRACT[a].who.includes('handler'));
  });

  it('allows nothing on a closed ticket', () => {
    for (const role of ROLES) expect(availableActions(role, 'closed')).toEqual([]);
  });

  it('lists what each role can do now', () => {
    expect(availableActions('handler', 'dispatched').sort()).toEqual(['accept', 'return']);
    expect(availableActions('agent', 'registered').sort()).toEqual(['dispatch', 'merge', 'reclassify', 'resolve', 'urge']);
    expect(availableActions('admin', 'registered')).toEqual([]);
    expect(availableActions('leader', 'accepted')).toEqual([]);
    expect(availableActions('supervisor', 'accepted').sort()).toEqual(['reclassify', 'redirect', 'urge']);
    expect(availableActions('agent', 'accepted').sort()).toEqual(['reclassify', 'urge']);
  });
});
