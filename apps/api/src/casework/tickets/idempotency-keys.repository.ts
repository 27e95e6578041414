import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The SQL of `idempotency_keys`: a client's key for a registration, written in the ticket's own transaction (the
 * unique key (user_id, idem_key) makes a second attempt wait on the first's row, then fail as a duplicate).
 */
@Injectable()
export class IdempotencyKeys {
  constructor(private readonly db: DataSource) {}

  /** Throws the duplicate-key error when another attempt holds the key. */
  async insert(m: EntityManager, userId: number, key: string, hash: string, at: Date): Promise<void> {
    await m.query('INSERT INTO idempotency_keys (user_id, idem_key, request_hash, ticket_id, created_at) VALUES (?, ?, ?, NULL, ?)', [userId, key, hash, at]);
  }

  async attach(m: EntityManager, userId: number, key: string, ticketId: number): Promise<void> {
    await m.query('UPDATE idempotency_keys SET ticket_id = ? WHERE user_id = ? AND idem_key = ?', [ticketId, userId, key]);
  }

  async find(userId: number, key: string): Promise<{ request_hash: string; ticket_id: number | null } | undefined> {
    const [row]: Array<{ request_hash: string; ticket_id: number | null }> = await this.db.query(
      'SELECT request_hash, ticket_id FROM idempotency_keys WHERE user_id = ? AND idem_key = ?',
      [userId, key],
    );
    return row;
  }

  /** Forgets keys written before `cutoff` (at most 10,000 a call); returns how many. */
  async forgetBefore(cutoff: Date): Promise<number> {
    const res = await this.db.query('DELETE FROM idempotency_keys WHERE created_at < ? LIMIT 10000', [cutoff]);
    return Number(res.affectedRows ?? 0);
  }
}
