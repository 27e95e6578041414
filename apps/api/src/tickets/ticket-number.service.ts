import { Injectable } from '@nestjs/common';
import { formatTicketNo, shanghaiDay } from '@hotline/domain';
import { DataSource } from 'typeorm';

/**
 * Hands out readable ticket numbers (day + sequence) without races: one atomic upsert per number,
 * in its own short statement so the day's sequence row is never locked for a whole ticket transaction.
 * A rolled-back registration leaves a gap, never a duplicate.
 */
@Injectable()
export class TicketNumberService {
  constructor(private readonly db: DataSource) {}

  async next(at: Date): Promise<string> {
    const day = shanghaiDay(at);
    const res = await this.db.query(
      'INSERT INTO ticket_sequences (day, last_no) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + 1)',
      [day],
    );
    return formatTicketNo(day, Number(res.insertId));
  }
}
