import { computeKpis, computeKpisByDepartment, emptyKpiCounts, kpisFromCounts, rate, type KpiCallback, type KpiTicket } from './kpi';

const T0 = Date.parse('2026-11-21T16:00:00.000Z'); // 2026-11-22 00:00 in Shanghai
const h = (hours: number) => new Date(T0 + hours * 3600_000);
const P = { from: h(0), to: h(24) };

function ticket(over: Partial<KpiTicket> = {}): KpiTicket {
  return {
    status: 'registered',
    departmentId: null,
    createdAt: h(1),
    dispatchedAt: null,
    dispatchCount: 0,
    acceptedAt: null,
    acceptDueAt: null,
    repliedAt: null,
    dueAt: h(13),
    closedAt: null,
    duplicateOfId: null,
    ...over,
  };
}

describe('rate', () => {
  it('divides, and is null when there is nothing to divide', () => {
    expect(rate(3, 4)).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});

describe('computeKpis on a hand-computed day', () => {
  // Ten tickets, evaluated at 20:00 local (h(20)):
  const tickets: KpiTicket[] = [
    // 1 resolved on the call: received, closed, completed, direct
    ticket({ status: 'closed', repliedAt: h(1), closedAt: h(1) }),
    // 2 dispatched, accepted on time, replied on time, closed after callback
    ticket({ status: 'closed', departmentId: 1, dispatchedAt: h(2), dispatchCount: 1, acceptedAt: h(2.2), acceptDueAt: h(2.5), repliedAt: h(5), dueAt: h(13), closedAt: h(6) }),
    // 3 dispatched, accepted late, replied late (after due)
    ticket({ status: 'replied', departmentId: 1, dispatchedAt: h(2), dispatchCount: 1, acceptedAt: h(3), acceptDueAt: h(2.5), repliedAt: h(15), dueAt: h(14) }),
    // 4 dispatched, not accepted, sign-for limit passed: decided (late); deadline not yet passed
    ticket({ status: 'dispatched', departmentId: 2, dispatchedAt: h(10), dispatchCount: 1, acceptDueAt: h(10.5), dueAt: h(22) }),
    // 5 dispatched, not accepted, limit not yet passed: undecided
    ticket({ status: 'dispatched', departmentId: 2, dispatchedAt: h(19.9), dispatchCount: 1, acceptDueAt: h(20.4), dueAt: h(31) }),
    // 6 accepted, deadline passed unreplied at h(18): overdue
    ticket({ status: 'accepted', departmentId: 2, dispatchedAt: h(3), dispatchCount: 1, acceptedAt: h(3.1), acceptDueAt: h(3.5), dueAt: h(18) }),
    // 7 a merged duplicate, closed without dispatch
    ticket({ status: 'closed', duplicateOfId: 1, closedAt: h(4), createdAt: h(4) }),
    // 8 registered yesterday, replied today on time, dispatched yesterday
    ticket({
      status: 'replied',
      departmentId: 1,
      createdAt: h(-5),
      dispatchedAt: h(-4),
      dispatchCount: 1,
      acceptedAt: h(-3.9),
      acceptDueAt: h(-3.5),
      repliedAt: h(1),
      dueAt: h(7),
    }),
    // 9 registered today, returned by its department (no department holds it): not in the sign-for cohort
    ticket({ status: 'returned', departmentId: null, dispatchedAt: h(5), dispatchCount: 1, acceptDueAt: h(5.5), dueAt: h(17) }),
    // 10 registered tomorrow: outside every cohort
    ticket({ createdAt: h(25), dueAt: h(37) }),
  ];
  const callbacks: KpiCallback[] = [
    { at: h(6), satisfied: true, departmentId: 1 },
    { at: h(7), satisfied: false, departmentId: 1 },
    { at: h(8), satisfied: true, departmentId: 2 },
    { at: h(-1), satisfied: false, departmentId: 2 }, // yesterday
  ];
  const k = computeKpis(tickets, callbacks, P, h(20));

  it('counts received, closed and dispatched', () => {
    expect(k.received).toBe(8); // 1-7 and 9
    expect(k.closed).toBe(3); // 1, 2, 7
    expect(k.dispatched).toBe(5); // 2, 3, 4, 5, 6 (9 is returned, 8 was yesterday)
  });

  it('办结率 and 直办率 over tickets received in the period', () => {
    expect(k.completionRate).toEqual(rate(3, 8));
    expect(k.directResolutionRate).toEqual(rate(2, 8)); // 1 and 7
    expect(k.repeatCallRate).toEqual(rate(1, 8));
  });

  it('按时签收率 counts decided sign-fors only', () => {
    // decided: 2 (on time), 3 (late), 4 (limit passed), 6 (on time); 5 is still within its limit
    expect(k.onTimeAcceptRate).toEqual(rate(2, 4));
  });

  it('按期办结率 and 超期件', () => {
    // replied in P: 2 on time, 3 late, 8 on time; unreplied past deadline in P: 6, and 9 (returned, so no department
    // holds it, but the centre still missed its deadline). 4's deadline (h22) is still ahead.
    expect(k.onTimeReplyRate).toEqual(rate(2, 5));
    expect(k.overdue).toBe(3);
  });

  it('满意率 over callbacks in the period', () => {
    expect(k.satisfactionRate).toEqual(rate(2, 3));
  });

  it('a past period is evaluated at its end, not now', () => {
    const later = computeKpis(tickets, callbacks, P, h(100));
    // 5's limit (h20.4) passed within the period: late. 4's deadline (h22) passed within the period: overdue.
    expect(later.onTimeAcceptRate).toEqual(rate(2, 5));
    expect(later.onTimeReplyRate).toEqual(rate(2, 6));
    // a ticket closed after the period does not count as completed in it
    const closedLate = computeKpis([ticket({ status: 'closed', closedAt: h(30) })], [], P, h(100));
    expect(closedLate.completionRate).toEqual(rate(0, 1));
  });

  it('splits by department and ignores other departments', () => {
    const by = computeKpisByDepartment(tickets, callbacks, P, h(20), [1, 2, 3]);
    expect(by.get(1)!.dispatched).toBe(2);
    expect(by.get(1)!.onTimeAcceptRate).toEqual(rate(1, 2));
    expect(by.get(1)!.onTimeReplyRate).toEqual(rate(2, 3));
    expect(by.get(1)!.satisfactionRate).toEqual(rate(1, 2));
    expect(by.get(2)!.dispatched).toBe(3);
    expect(by.get(2)!.onTimeAcceptRate).toEqual(rate(1, 2));
    expect(by.get(2)!.overdue).toBe(1);
    expect(by.get(3)!.received).toBe(0);
    expect(by.get(3)!.onTimeReplyRate.rate).toBeNull();
  });
});

describe('按期办结率 remembers breaches', () => {
  const reopened = (breachCount: number) => ticket({ status: 'replied', departmentId: 1, dispatchedAt: h(2), dispatchCount: 2, repliedAt: h(5), dueAt: h(13), breachCount });

  it('counts a ticket that breached an earlier deadline as late, though its current one was met', () => {
    const k = computeKpis([reopened(1), reopened(0)], [], P, h(20));
    expect(k.onTimeReplyRate).toEqual(rate(1, 2));
    expect(k.overdue).toBe(1);
  });

  it('reads a missing breachCount as none (rows from before the count existed)', () => {
    const t = reopened(0);
    delete t.breachCount;
    expect(computeKpis([t], [], P, h(20)).onTimeReplyRate).toEqual(rate(1, 1));
  });

  it('per department too', () => {
    const by = computeKpisByDepartment([reopened(2)], [], P, h(20), [1]);
    expect(by.get(1)!.onTimeReplyRate).toEqual(rate(0, 1));
  });
});

describe('kpisFromCounts: the rates from counts, as the SQL path hands them over', () => {
  it('divides each count by its own denominator; 逾期 is the decided replies not on time', () => {
    const k = kpisFromCounts({
      received: 10,
      closed: 7,
      completed: 6,
      direct: 2,
      repeat: 1,
      dispatched: 8,
      acceptDecided: 5,
      acceptOnTime: 4,
      replyDecided: 6,
      replyOnTime: 3,
      callbacks: 4,
      satisfied: 3,
    });
    expect(k).toEqual({
      received: 10,
      closed: 7,
      dispatched: 8,
      overdue: 3,
      completionRate: rate(6, 10),
      onTimeAcceptRate: rate(4, 5),
      onTimeReplyRate: rate(3, 6),
      satisfactionRate: rate(3, 4),
      directResolutionRate: rate(2, 10),
      repeatCallRate: rate(1, 10),
    });
  });

  it('nothing counted: zeros and no rates', () => {
    const k = kpisFromCounts(emptyKpiCounts());
    expect(k.overdue).toBe(0);
    expect(k.completionRate).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(k.satisfactionRate.rate).toBeNull();
  });
});
