import { formatTicketNo, shanghaiDay } from './ticket-number';

describe('ticket numbers', () => {
  it('uses the Shanghai calendar day, which starts at 16:00 UTC', () => {
    expect(shanghaiDay(new Date('2026-11-21T15:59:59.999Z'))).toBe('20261121');
    expect(shanghaiDay(new Date('2026-11-21T16:00:00.000Z'))).toBe('20261122');
    expect(shanghaiDay(new Date('2026-12-31T16:00:00.000Z'))).toBe('20270101');
  });
  it('pads the sequence and keeps growing past a million', () => {
    expect(formatTicketNo('20261121', 42)).toBe('20261121-000042');
    expect(formatTicketNo('20261121', 1234567)).toBe('20261121-1234567');
    expect(() => formatTicketNo('2026112', 1)).toThrow(RangeError);
    expect(() => formatTicketNo('20261121', 0)).toThrow(RangeError);
  });
});
