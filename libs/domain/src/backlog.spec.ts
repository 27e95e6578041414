import { ageDays, backlogClearedRate, backlogEntry, backlogReasons, backlogTally, type BacklogTicket } from './backlog';
import { periodRange } from './periods';

const T0 = Date.parse('2026-11-01T16:00:00.000Z'); // 2026-11-02 00:00 in Shanghai (a Monday)
const d = (days: number) => new Date(T0 + days * 24 * 3600_000);
const rules = { days: 10, reopenings: 2, calls: 3 };
const tk = (over: Partial<BacklogTicket> = {}): BacklogTicket => ({ createdAt: d(0), closedAt: null, reopenCount: 0, calls: 1, backlogSince: null, ...over });

describe('backlogReasons', () => {
  it('puts an open ticket on the register at its age limit, not a moment before', () => {
    expect(backlogReasons(tk(), new Date(d(10).getTime() - 1), rules)).toEqual([]);
    expect(backlogReasons(tk(), d(10), rules)).toEqual(['age']);
  });
  it('reopened twice or more', () => {
    expect(backlogReasons(tk({ reopenCount: 1 }), d(1), rules)).toEqual([]);
    expect(backlogReasons(tk({ reopenCount: 2 }), d(1), rules)).toEqual(['reopened']);
  });
  it('called about three times or more', () => {
    expect(backlogReasons(tk({ calls: 2 }), d(1), rules)).toEqual([]);
    expect(backlogReasons(tk({ calls: 3 }), d(1), rules)).toEqual(['repeat']);
  });
  it('gives every reason that holds', () => {
    expect(backlogReasons(tk({ reopenCount: 3, calls: 4 }), d(11), rules)).toEqual(['age', 'reopened', 'repeat']);
  });
  it('a closed ticket is cleared whatever it was', () => {
    expect(backlogReasons(tk({ reopenCount: 3, closedAt: d(5) }), d(11), rules)).toEqual([]);
    // but before it closed it was on the register
    expect(backlogReasons(tk({ reopenCount: 3, closedAt: d(5) }), d(4), rules)).toEqual(['reopened']);
  });
});

describe('backlogEntry and ageDays', () => {
  it('is the earlier of the age limit and the recorded reopening or repeat', () => {
    expect(backlogEntry(tk(), rules)).toEqual(d(10));
    expect(backlogEntry(tk({ backlogSince: d(3) }), rules)).toEqual(d(3));
    expect(backlogEntry(tk({ backlogSince: d(12) }), rules)).toEqual(d(10));
  });
  it('counts whole days, up to the close', () => {
    expect(ageDays(tk(), d(3.9))).toBe(3);
    expect(ageDays(tk({ closedAt: d(2.5) }), d(9))).toBe(2);
  });
});

describe('backlogTally (清零 progress)', () => {
  const P = { from: d(20), to: d(27) };
  const now = d(40);
  const cases: Array<[string, Partial<BacklogTicket>, { atStart: number; added: number; cleared: number; now: number }]> = [
    ['on the register before P, still open', { createdAt: d(0) }, { atStart: 1, added: 0, cleared: 0, now: 1 }],
    ['on the register before P, cleared in P', { createdAt: d(0), closedAt: d(22) }, { atStart: 1, added: 0, cleared: 1, now: 0 }],
    ['cleared before P', { createdAt: d(0), closedAt: d(15) }, { atStart: 0, added: 0, cleared: 0, now: 0 }],
    ['added in P by age', { createdAt: d(12) }, { atStart: 0, added: 1, cleared: 0, now: 1 }],
    ['added and cleared in P', { createdAt: d(12), closedAt: d(25) }, { atStart: 0, added: 1, cleared: 1, now: 0 }],
    ['added in P by a reopening', { createdAt: d(18), backlogSince: d(21) }, { atStart: 0, added: 1, cleared: 0, now: 1 }],
    ['closed before it would have aged', { createdAt: d(12), closedAt: d(21) }, { atStart: 0, added: 0, cleared: 0, now: 0 }],
    ['ages after P', { createdAt: d(19) }, { atStart: 0, added: 0, cleared: 0, now: 0 }],
    ['closed exactly at the start of P', { createdAt: d(0), closedAt: d(20) }, { atStart: 1, added: 0, cleared: 1, now: 0 }],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    expect(backlogTally([tk(over)], P, now, rules)).toEqual(expected);
  });
  it('always balances: at start + added - cleared = now', () => {
    const all = cases.map(([, over]) => tk(over));
    const x = backlogTally(all, P, now, rules);
    expect(x.atStart + x.added - x.cleared).toBe(x.now);
  });
  it('a running period is judged now', () => {
    expect(backlogTally([tk({ createdAt: d(12) })], P, d(21), rules)).toEqual({ atStart: 0, added: 0, cleared: 0, now: 0 });
    expect(backlogTally([tk({ createdAt: d(12) })], P, d(23), rules)).toEqual({ atStart: 0, added: 1, cleared: 0, now: 1 });
  });
});

describe('backlogClearedRate (积案清零率)', () => {
  const P = { from: d(20), to: d(27) };
  it('cleared / (at the start + added), by hand', () => {
    // the cases above: at the start 2 (d0 open, d0 closed d22) + 1 (d0 closed exactly at d20); added 3 (d12, d12 closed d25,
    // d18 reopened d21); cleared 3 (d22, d25, d20): 3 / 6
    const all = [
      tk({ createdAt: d(0) }),
      tk({ createdAt: d(0), closedAt: d(22) }),
      tk({ createdAt: d(0), closedAt: d(15) }),
      tk({ createdAt: d(12) }),
      tk({ createdAt: d(12), closedAt: d(25) }),
      tk({ createdAt: d(18), backlogSince: d(21) }),
      tk({ createdAt: d(12), closedAt: d(21) }),
      tk({ createdAt: d(19) }),
      tk({ createdAt: d(0), closedAt: d(20) }),
    ];
    expect(backlogClearedRate(backlogTally(all, P, d(40), rules))).toEqual({ numerator: 3, denominator: 6, rate: 0.5 });
    expect(backlogClearedRate({ atStart: 4, added: 0, cleared: 4 }).rate).toBe(1);
    expect(backlogClearedRate({ atStart: 0, added: 3, cleared: 0 }).rate).toBe(0);
  });
  it('no 积案 at all: nothing to divide, null (not 0 %, not 100 %)', () => {
    expect(backlogClearedRate({ atStart: 0, added: 0, cleared: 0 })).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(backlogClearedRate(backlogTally([tk({ createdAt: d(19) }), tk({ createdAt: d(12), closedAt: d(21) })], P, d(40), rules)).rate).toBeNull();
  });
});

describe('periodRange', () => {
  const at = new Date('2026-11-18T02:00:00.000Z'); // Wednesday 18 November, 10:00 in Shanghai
  it('weeks start on Monday, local time', () => {
    expect(periodRange('week', at)).toEqual({ from: new Date('2026-11-15T16:00:00.000Z'), to: new Date('2026-11-22T16:00:00.000Z') });
  });
  it('months and quarters by the local calendar', () => {
    expect(periodRange('month', at)).toEqual({ from: new Date('2026-10-31T16:00:00.000Z'), to: new Date('2026-11-30T16:00:00.000Z') });
    expect(periodRange('quarter', at)).toEqual({ from: new Date('2026-09-30T16:00:00.000Z'), to: new Date('2026-12-31T16:00:00.000Z') });
    // 31 December 20:00 UTC is already 1 January in Shanghai
    expect(periodRange('quarter', new Date('2026-12-31T20:00:00.000Z')).from).toEqual(new Date('2026-12-31T16:00:00.000Z'));
  });
});
