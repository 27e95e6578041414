import { SERVER_EVENT_NAMES, TICKET_EVENT_NAMES } from './events';

describe('the live event names, derived from one map', () => {
  it('lists every event once, the ticket events among them', () => {
    expect(new Set(SERVER_EVENT_NAMES).size).toBe(SERVER_EVENT_NAMES.length);
    expect(TICKET_EVENT_NAMES).toEqual([
      'ticket.created',
      'ticket.updated',
      'sla.warning',
      'sla.breached',
      'sla.accept_overdue',
      'supervision.opened',
      'supervision.updated',
      'follow_up.due',
    ]);
    expect(SERVER_EVENT_NAMES.filter((n) => !(TICKET_EVENT_NAMES as readonly string[]).includes(n))).toEqual([
      'wallboard.updated',
      'call.ringing',
      'hotspot.detected',
      'hotspot.updated',
      'ticket.understood',
      'warning.issued',
    ]);
  });
});
