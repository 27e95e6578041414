import { Injectable } from '@nestjs/common';
import { formatTicketNo, shanghaiDay } from '@hotline/domain';
import { DataSource } from 'typeorm';

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

  constructor(private readonly db: DataSource) {}

  async nextNumber(at: Date): Promise<string> {
    const day = shanghaiDay(at);
    while (day !== this.day || this.next > this.end) {
      this.pending ??= this.reserve(day).finally(() => (this.pending = null));
      await this.pending;
    }
    return formatTicketNo(day, this.next++);
  }

  private async reserve(day: string): Promise<void> {
    const res = await this.db.query(
      'INSERT INTO ticket_sequences (day, last_no) VALUES (?, LAST_INSERT_ID(?)) ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + ?)',
      [day, NUMBER_BLOCK, NUMBER_BLOCK],
    );
    const last = Number(res.insertId);
    this.day = day;
    this.next = last - NUMBER_BLOCK + 1;
    this.end = last;
  }
}
