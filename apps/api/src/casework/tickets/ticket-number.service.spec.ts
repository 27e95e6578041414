import { NUMBER_BLOCK, TicketNumberService } from './ticket-number.service';
import type { TicketSequences } from './ticket-sequences.repository';

/** ticket_sequences as the upsert keeps it: the day's last number reserved, moved on a block at a time. */
function fakeSequences() {
  const last = new Map<string, number>();
  const calls: string[] = [];
  const sequences = {
    async reserve(day: string, block: number): Promise<number> {
      calls.push(day);
      await new Promise((r) => setTimeout(r, 5));
      last.set(day, (last.get(day) ?? 0) + block);
      return last.get(day)!;
    },
  };
  return { sequences: sequences as unknown as TicketSequences, calls, last };
}

describe('ticket numbers (without MySQL)', () => {
  const at = new Date('2026-03-02T04:00:00Z'); // 2026-03-02 12:00 in Shanghai

  it('hands out a block of numbers per reservation, in order, with one reservation for many waiting callers', async () => {
    const f = fakeSequences();
    const numbers = new TicketNumberService(f.sequences);
    const got = await Promise.all(Array.from({ length: NUMBER_BLOCK }, () => numbers.nextNumber(at)));
    expect(new Set(got).size).toBe(NUMBER_BLOCK);
    expect(got[0]).toBe('20260302-000001');
    expect(got[NUMBER_BLOCK - 1]).toBe(`20260302-${String(NUMBER_BLOCK).padStart(6, '0')}`);
    expect(f.calls).toEqual(['20260302']);
    expect(await numbers.nextNumber(at)).toBe(`20260302-${String(NUMBER_BLOCK + 1).padStart(6, '0')}`);
    expect(f.calls).toEqual(['20260302', '20260302']);
  });

  it('starts from what the day holds when another instance reserved first, and reserves anew when the Shanghai day turns', async () => {
    const f = fakeSequences();
    f.last.set('20260302', 40); // another instance's two blocks
    const numbers = new TicketNumberService(f.sequences);
    expect(await numbers.nextNumber(at)).toBe('20260302-000041');
    // 16:00 UTC is midnight in Shanghai: the next day's first number
    expect(await numbers.nextNumber(new Date('2026-03-02T16:00:00Z'))).toBe('20260303-000001');
    expect(f.calls).toEqual(['20260302', '20260303']);
  });
});
