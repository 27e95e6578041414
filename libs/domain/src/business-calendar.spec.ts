import { STANDARD_OFFICE_CALENDAR, addWorkingTime, calendarProblem, workingTimeBetween, type BusinessCalendar } from './business-calendar';

/** Local (Asia/Shanghai) wall-clock time to an instant: '2026-11-23 08:30' -> 2026-11-23T00:30Z. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00.000+08:00`);
const local = (d: Date) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
const H = 3600e3;
const M = 60e3;

// 2026 in China: National Day holiday 10-01..10-07 with make-up days Sun 09-27 and Sat 10-10;
// New Year 2027-01-01 (Fri) off. 2026-11-21 is a Saturday, 2026-11-23 a Monday.
const CN2026: BusinessCalendar = {
  ...STANDARD_OFFICE_CALENDAR,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
  makeUpDays: ['2026-09-27', '2026-10-10'],
};
const ROUND_THE_CLOCK: BusinessCalendar = { weekdays: Array(7).fill([[0, 1440]]), holidays: [], makeUpDays: [] };

describe('addWorkingTime', () => {
  it.each([
    // within one morning or afternoon
    ['2026-11-23 09:00', 2 * H, '2026-11-23 11:00', 'inside the morning'],
    ['2026-11-23 08:30', 3.5 * H, '2026-11-23 12:00', 'a whole morning ends at noon, not after lunch'],
    ['2026-11-23 14:00', 1 * H, '2026-11-23 15:00', 'inside the afternoon'],
    ['2026-11-23 17:30', 0, '2026-11-23 17:30', 'zero duration stays put'],
    // across lunch
    ['2026-11-23 11:00', 2 * H, '2026-11-23 14:30', 'skips the lunch break'],
    ['2026-11-23 12:15', 1 * H, '2026-11-23 14:30', 'starting at lunch counts from 13:30'],
    ['2026-11-23 11:59', 2 * M, '2026-11-23 13:31', 'one minute either side of lunch'],
    // across nights
    ['2026-11-23 17:00', 1 * H, '2026-11-24 09:00', 'overnight'],
    ['2026-11-23 20:00', 2 * H, '2026-11-24 10:30', 'registered in the evening'],
    ['2026-11-24 03:00', 4 * H, '2026-11-24 14:00', 'registered at night'],
    ['2026-11-23 08:30', 7.5 * H, '2026-11-23 17:30', 'a full working day'],
    ['2026-11-23 08:30', 7.5 * H + 1, '2026-11-24 08:30', 'one millisecond past a day rolls to tomorrow morning'],
    ['2026-11-23 09:00', 12 * H, '2026-11-24 15:00', '12 working hours'],
    // across weekends
    ['2026-11-27 16:00', 2 * H, '2026-11-30 09:00', 'Friday afternoon to Monday'],
    ['2026-11-21 10:00', 2 * H, '2026-11-23 10:30', 'registered on Saturday'],
    ['2026-11-22 23:59', 1 * M, '2026-11-23 08:31', 'Sunday night to Monday'],
    ['2026-11-23 09:00', 5 * 7.5 * H, '2026-11-30 09:00', 'a whole working week'],
    // holidays
    ['2026-09-30 16:00', 2 * H, '2026-10-08 09:00', 'Golden Week: from before the holiday to after it'],
    ['2026-10-03 10:00', 1 * H, '2026-10-08 09:30', 'registered during the holiday'],
    ['2026-12-31 17:00', 1 * H, '2027-01-04 09:00', 'year boundary: New Year holiday then the weekend'],
    ['2026-12-31 10:00', 2 * H, '2026-12-31 12:00', 'the last day of the year works normally'],
    // make-up working days (调休)
    ['2026-09-26 10:00', 1 * H, '2026-09-27 09:30', 'Saturday to the make-up Sunday'],
    ['2026-09-27 08:00', 1 * H, '2026-09-27 09:30', 'a make-up Sunday has office hours'],
    ['2026-10-09 17:00', 1 * H, '2026-10-10 09:00', 'Friday to the make-up Saturday'],
    ['2026-10-10 17:00', 1 * H, '2026-10-12 09:00', 'the Sunday after a make-up Saturday is off'],
  ])('%s + %d ms -> %s (%s)', (start, dur, due) => {
    expect(local(addWorkingTime(at(start), dur, CN2026))).toBe(due);
  });

  it('keeps milliseconds and counts in UTC-independent local days', () => {
    const start = new Date('2026-11-23T01:00:00.123Z'); // 09:00:00.123 local
    expect(addWorkingTime(start, 1000, CN2026).toISOString()).toBe('2026-11-23T01:00:01.123Z');
  });

  it('round the clock equals plain addition', () => {
    const start = at('2026-12-31 22:00');
    expect(addWorkingTime(start, 12 * H, ROUND_THE_CLOCK).getTime()).toBe(start.getTime() + 12 * H);
  });

  it('make-up days can have their own periods', () => {
    const cal = { ...CN2026, makeUpPeriods: [[9 * 60, 12 * 60]] as const };
    expect(local(addWorkingTime(at('2026-09-27 11:00'), 2 * H, cal))).toBe('2026-09-28 09:30');
  });

  it('refuses negative durations and calendars without working time', () => {
    expect(() => addWorkingTime(at('2026-11-23 09:00'), -1, CN2026)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2026-11-23 09:00'), 1, { weekdays: Array(7).fill([]), holidays: [], makeUpDays: [] })).toThrow(/no working time/);
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['2026-11-23 09:00', '2026-11-23 11:00', 2 * H],
    ['2026-11-23 11:00', '2026-11-23 14:30', 2 * H],
    ['2026-11-27 16:00', '2026-11-30 09:00', 2 * H],
    ['2026-09-30 16:00', '2026-10-08 09:00', 2 * H],
    ['2026-11-23 12:00', '2026-11-23 13:30', 0],
    ['2026-11-23 11:00', '2026-11-23 09:00', 0],
  ])('from %s to %s is %d ms of work', (a, b, ms) => {
    expect(workingTimeBetween(at(a), at(b), CN2026)).toBe(ms);
  });

  it('is the inverse of addWorkingTime', () => {
    for (const [start, dur] of [
      ['2026-09-25 15:00', 9 * H],
      ['2026-12-30 11:45', 13 * H],
      ['2026-11-21 03:00', 0.5 * H],
    ] as const) {
      const due = addWorkingTime(at(start), dur, CN2026);
      expect(workingTimeBetween(at(start), due, CN2026)).toBe(dur);
    }
  });
});

describe('calendarProblem', () => {
  it('accepts the standard and the Chinese 2026 calendars', () => {
    expect(calendarProblem(STANDARD_OFFICE_CALENDAR)).toBeNull();
    expect(calendarProblem(CN2026)).toBeNull();
  });
  it.each([
    [{ ...CN2026, weekdays: [[]] }, /7 days/],
    [{ ...CN2026, weekdays: [...CN2026.weekdays.slice(0, 6), [[600, 500]]] }, /outside 0..1440 or empty/],
    [
      {
        ...CN2026,
        weekdays: [
          ...CN2026.weekdays.slice(0, 6),
          [
            [600, 700],
            [650, 800],
          ],
        ],
      },
      /overlap/,
    ],
    [{ ...CN2026, weekdays: [...CN2026.weekdays.slice(0, 6), [[0, 1500]]] }, /outside/],
    [{ ...CN2026, holidays: ['2026-02-30'] }, /YYYY-MM-DD/],
    [{ ...CN2026, makeUpDays: ['tomorrow'] }, /makeUpDays/],
    [{ weekdays: Array(7).fill([]), holidays: [], makeUpDays: [] }, /no working time/],
    [{ ...CN2026, weekdays: [...CN2026.weekdays.slice(0, 6), 5] }, /must be a list/],
    [{ ...CN2026, weekdays: [...CN2026.weekdays.slice(0, 6), ['08:00-12:00']] }, /pairs/],
  ])('names what is wrong: %#', (cal, why) => {
    expect(calendarProblem(cal as BusinessCalendar)).toMatch(why);
  });
});
