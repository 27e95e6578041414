import { incidentDeadline, matchIncident } from './incidents';

const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h));

describe('matchIncident', () => {
  const flood = { id: 1, keywords: ['内涝', '积水'], slaHours: 12, startedAt: at(1) };
  const fever = { id: 2, keywords: ['发热门诊', 'ＣＯＶＩＤ'], slaHours: null, startedAt: at(0) };

  it('finds the incident whose keyword the words contain', () => {
    expect(matchIncident('幸福路口积水很深，车过不去', [flood, fever])).toBe(flood);
    expect(matchIncident('哪里有发热门诊？', [flood, fever])).toBe(fever);
    expect(matchIncident('路灯坏了', [flood, fever])).toBeNull();
    expect(matchIncident('anything', [])).toBeNull();
  });

  it('folds full-width and case', () => {
    expect(matchIncident('covid 检测点在哪', [flood, fever])).toBe(fever);
  });

  it('the earliest started wins when several match; blank keywords match nothing', () => {
    expect(matchIncident('发热门诊门口积水', [flood, fever])).toBe(fever);
    expect(matchIncident('任何内容', [{ id: 3, keywords: ['  ', ''], slaHours: null, startedAt: at(0) }])).toBeNull();
  });
});

describe('incidentDeadline', () => {
  const created = at(0);
  const normal = { dueAt: at(12), warnAt: at(9) };

  it('without an override the ticket keeps its own', () => {
    expect(incidentDeadline(created, normal, null, 3600)).toEqual({ ...normal, overridden: false });
  });

  it('an override sooner than the own deadline wins, the warning at the same share', () => {
    // 4 h, warning at 75 % = 3 h
    expect(incidentDeadline(created, normal, 4, 3600)).toEqual({ dueAt: at(4), warnAt: at(3), overridden: true });
  });

  it('a sooner own deadline stays (特急 2 h under a 12 h incident)', () => {
    const urgent = { dueAt: at(2), warnAt: at(1.5) };
    expect(incidentDeadline(created, urgent, 12, 3600)).toEqual({ ...urgent, overridden: false });
  });

  it('scaled by the length of an SLA hour', () => {
    const own = { dueAt: new Date(created.getTime() + 12_000), warnAt: new Date(created.getTime() + 9_000) };
    expect(incidentDeadline(created, own, 4, 1).dueAt.getTime() - created.getTime()).toBe(4_000);
  });
});
