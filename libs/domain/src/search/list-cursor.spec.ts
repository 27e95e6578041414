import { TOTAL_CAP, cappedTotal, decodeCursor, decodeCursorPosition, encodeCursor, ticketNumberOf } from './list-cursor';

describe('cursors', () => {
  it('round-trip any id', () => {
    for (const id of [1, 35, 36, 1_000_000, 2_147_483_647, Number.MAX_SAFE_INTEGER]) expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('refuse what the service did not give', () => {
    for (const bad of ['', '123', 'c1.', 'c1.-1', 'c1.0', 'c1.ZZ', 'c2.abc', 'c1.00a', 'c1.' + 'z'.repeat(12), 'c1.1 ', 'c1.1.2']) {
      expect([bad, decodeCursor(bad)]).toEqual([bad, null]);
    }
  });

  it('cannot be made for a non-id', () => {
    expect(() => encodeCursor(0)).toThrow(RangeError);
    expect(() => encodeCursor(1.5)).toThrow(RangeError);
  });
});

describe('cappedTotal', () => {
  it('is exact up to the cap and capped beyond it', () => {
    expect(cappedTotal(0)).toEqual({ total: 0, totalCapped: false });
    expect(cappedTotal(TOTAL_CAP)).toEqual({ total: TOTAL_CAP, totalCapped: false });
    expect(cappedTotal(TOTAL_CAP + 1)).toEqual({ total: TOTAL_CAP, totalCapped: true });
  });

  it('says "at least" when the count stopped early', () => {
    expect(cappedTotal(37, true)).toEqual({ total: 37, totalCapped: true });
    expect(cappedTotal(TOTAL_CAP + 1, true)).toEqual({ total: TOTAL_CAP, totalCapped: true });
  });
});

describe('ticketNumberOf', () => {
  it('recognises a whole ticket number, with or without its dash, full-width too', () => {
    expect(ticketNumberOf('20261121-000042')).toBe('20261121-000042');
    expect(ticketNumberOf(' 20261121000042 ')).toBe('20261121-000042');
    expect(ticketNumberOf('２０２６１１２１－００００４２')).toBe('20261121-000042');
  });

  it('leaves parts of numbers, phones and words to the other lookups', () => {
    for (const q of ['000042', '2026112-000042', '13812345678', '停水 20261121-000042', '20261121-0000421']) expect(ticketNumberOf(q)).toBeNull();
  });
});

describe('cursor positions across the archive', () => {
  it('tell the live walk from the archive walk, and round-trip both', () => {
    for (const id of [1, 36, 2_147_483_647]) {
      expect(decodeCursorPosition(encodeCursor(id))).toEqual({ id, archive: false });
      expect(decodeCursorPosition(encodeCursor(id, true))).toEqual({ id, archive: true });
    }
    expect(decodeCursorPosition(encodeCursor(Number.MAX_SAFE_INTEGER, true))).toEqual({ id: Number.MAX_SAFE_INTEGER, archive: true });
  });

  it('refuse what the service did not give, and keep live-only decoding for c1', () => {
    for (const bad of ['c3.1', 'c2.', 'c2.0', 'c2.ZZ', 'c2.' + 'z'.repeat(12), 'C2.1']) expect([bad, decodeCursorPosition(bad)]).toEqual([bad, null]);
    expect(decodeCursor(encodeCursor(5, true))).toBeNull();
  });
});
