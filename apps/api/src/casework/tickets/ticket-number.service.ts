import { Injectable } from '@nestjs/common';
import { formatTicketNo, shanghaiDay } from '@hotline/domain';
import { TicketSequences } from './ticket-sequences.repository';

/** How many numbers one round trip reserves for this process (like a database sequence's CACHE). */
export const NUMBER_BLOCK = 20;

/**
 * Hands out readable ticket numbers (the Shanghai day + that day's sequence) without races.
 * Each process reserves a block of numbers with one atomic upsert on the day's row, in its own short
 * statement (never holding that row for a whole ticket transaction), and uses them up in memory.
 * Numbers are unique across any number of instances; a restart or a rolled-back registration leaves
 * gaps, and with several instances numbers interleave rather than follow registration order exactly.
 */
@Injectable()
export class TicketNumberService {
  private day = '';
  private next = 0;
  private end = 0;
  private pending: Promise<void> | null = null;

  constructor(private readonly sequences: TicketSequences) {}

  async nextNumber(at: Date): Promise<string> {
    const day = shanghaiDay(at);
    while (day !== this.day || this.next > this.end) {
      this.pending ??= this.reserve(day).finally(() => (this.pending = null));
      await this.pending;
    }
    return formatTicketNo(day, this.next++);
  }

  private async reserve(day: string): Promise<void> {
    const last = await this.sequences.reserve(day, NUMBER_BLOCK);
    this.day = day;
    this.next = last - NUMBER_BLOCK + 1;
    this.end = last;
  }
}
