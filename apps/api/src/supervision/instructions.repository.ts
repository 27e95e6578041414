import { Injectable } from '@nestjs/common';
import type { InstructionDto } from '@hotline/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** The SQL of `instructions`: a case-owning leader's written instructions on a ticket (阅批). */
@Injectable()
export class Instructions {
  constructor(private readonly db: DataSource) {}

  /** In the caller's transaction (the ticket's lock and audit line); the new id. */
  async insert(m: EntityManager, i: { ticketId: number; userId: number; text: string; at: Date }): Promise<number> {
    const res = await m.query('INSERT INTO instructions (ticket_id, user_id, text, at) VALUES (?, ?, ?, ?)', [i.ticketId, i.userId, i.text, i.at]);
    return Number(res.insertId);
  }

  /** The ticket's instructions, oldest first (`archived`: from the archive, where they moved with their ticket). */
  async of(ticketId: number, archived = false): Promise<InstructionDto[]> {
    const rows: any[] = await this.db.query(`SELECT id, ticket_id, user_id, text, at FROM ${archived ? 'instructions_archive' : 'instructions'} WHERE ticket_id = ? ORDER BY id`, [
      ticketId,
    ]);
    return rows.map((r) => ({ id: Number(r.id), ticketId: Number(r.ticket_id), userId: Number(r.user_id), text: r.text, at: new Date(r.at).toISOString() }));
  }
}
