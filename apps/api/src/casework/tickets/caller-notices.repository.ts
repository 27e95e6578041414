import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The SQL of `caller_notices`: the SMS outbox of what a caller is told (a merged repeat call, …). */
@Injectable()
export class CallerNotices {
  async insert(m: EntityManager, n: { ticketId: number; phone: string; reason: string; message: string; at: Date }): Promise<void> {
    await m.query('INSERT INTO caller_notices (ticket_id, phone, reason, message, created_at) VALUES (?, ?, ?, ?, ?)', [n.ticketId, n.phone, n.reason, n.message, n.at]);
  }
}
