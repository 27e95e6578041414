import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The SQL of `ticket_sequences`: one row per Shanghai day, its last number handed out. */
@Injectable()
export class TicketSequences {
  constructor(private readonly db: DataSource) {}

  /**
   * Reserves the day's next `block` numbers with one atomic upsert, in its own short statement (never holding the
   * day's row for a whole ticket transaction); answers the last number reserved.
   */
  async reserve(day: string, block: number): Promise<number> {
    const res = await this.db.query('INSERT INTO ticket_sequences (day, last_no) VALUES (?, LAST_INSERT_ID(?)) ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + ?)', [
      day,
      block,
      block,
    ]);
    return Number(res.insertId);
  }
}
