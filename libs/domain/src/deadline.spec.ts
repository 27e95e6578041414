import { URGENCIES } from '@hotline/contracts';
import { STANDARD_OFFICE_CALENDAR } from './business-calendar';
import { DEFAULT_WARNING_RATIO, URGENCY_HOURS, addSlaTime, slaHoursToMs, slaWindow } from './deadline';

const start = new Date('2026-11-21T02:00:00.000Z');

/** dueAt = start + hours(urgency) * SLA_SECONDS_PER_HOUR seconds, with the contract's hours. */
const computeDueAt = (start: Date, urgency: keyof typeof URGENCY_HOURS, sph: number, hours = URGENCY_HOURS) => slaWindow(start, hours[urgency], DEFAULT_WARNING_RATIO, sph).dueAt;

describe('deadlines from the contract hours', () => {
  it.each([
    ['extra_urgent', '2026-11-21T04:00:00.000Z'],
    ['urgent', '2026-11-21T06:00:00.000Z'],
    ['normal', '2026-11-21T14:00:00.000Z'],
  ] as const)('gives %s its contract window in real hours', (urgency, due) => {
    expect(computeDueAt(start, urgency, 3600).toISOString()).toBe(due);
  });

  it('scales every window by SLA_SECONDS_PER_HOUR', () => {
    expect(computeDueAt(start, 'extra_urgent', 1).getTime() - start.getTime()).toBe(2000);
    expect(computeDueAt(start, 'normal', 0.5).getTime() - start.getTime()).toBe(6000);
  });

  it('crosses midnight and year boundaries without drifting', () => {
    const late = new Date('2026-12-31T20:30:00.123Z');
    expect(computeDueAt(late, 'normal', 3600).toISOString()).toBe('2027-01-01T08:30:00.123Z');
  });

  it('honours configured hours over the defaults', () => {
    const custom = { ...URGENCY_HOURS, urgent: 6 };
    expect(computeDueAt(start, 'urgent', 3600, custom).toISOString()).toBe('2026-11-21T08:00:00.000Z');
  });

  it('orders the urgencies: more urgent is always due sooner', () => {
    const dues = URGENCIES.map((u) => computeDueAt(start, u, 3600).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('rejects nonsense durations', () => {
    expect(() => slaHoursToMs(2, 0)).toThrow(RangeError);
    expect(() => slaHoursToMs(-1, 3600)).toThrow(RangeError);
    expect(() => computeDueAt(start, 'whenever' as never, 3600)).toThrow(RangeError);
  });
});

describe('slaWindow', () => {
  it('round the clock: warning at the ratio, due at the end', () => {
    const w = slaWindow(start, 4, 0.75, 3600);
    expect(w.warnAt.toISOString()).toBe('2026-11-21T05:00:00.000Z');
    expect(w.dueAt.toISOString()).toBe('2026-11-21T06:00:00.000Z');
  });
  it('adds plain time round the clock', () => {
    expect(addSlaTime(start, 1500).getTime() - start.getTime()).toBe(1500);
  });
  it('on a calendar: both counted in working time', () => {
    // Monday 2026-11-23 11:00 local; 4 working hours with lunch 12:00-13:30
    const monday = new Date('2026-11-23T03:00:00.000Z');
    const w = slaWindow(monday, 4, 0.5, 3600, STANDARD_OFFICE_CALENDAR);
    expect(w.warnAt.toISOString()).toBe('2026-11-23T06:30:00.000Z'); // 14:30 local: 1 h before lunch + 1 h after
    expect(w.dueAt.toISOString()).toBe('2026-11-23T08:30:00.000Z'); // 16:30 local
  });
});
