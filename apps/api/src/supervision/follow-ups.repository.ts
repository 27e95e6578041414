import { Injectable } from '@nestjs/common';
import type { FollowUpDto } from '@hotline/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** The SQL of `follow_ups`: what a ticket's tracker logged of each contact (专人跟踪). */
@Injectable()
export class FollowUps {
  constructor(private readonly db: DataSource) {}

  /** In the caller's transaction (the ticket's change and audit line); the new id. */
  async insert(m: EntityManager, f: { ticketId: number; userId: number; contact: string; note: string; at: Date }): Promise<number> {
    const res = await m.query('INSERT INTO follow_ups (ticket_id, user_id, contact, note, at) VALUES (?, ?, ?, ?, ?)', [f.ticketId, f.userId, f.contact, f.note, f.at]);
    return Number(res.insertId);
  }

  /** The ticket's follow-ups, oldest first (`archived`: from the archive, where they moved with their ticket). */
  async of(ticketId: number, archived = false): Promise<FollowUpDto[]> {
    const rows: any[] = await this.db.query(
      `SELECT id, ticket_id, user_id, contact, note, at FROM ${archived ? 'follow_ups_archive' : 'follow_ups'} WHERE ticket_id = ? ORDER BY id`,
      [ticketId],
    );
    return rows.map((r) => ({ id: Number(r.id), ticketId: Number(r.ticket_id), userId: Number(r.user_id), note: r.note, contact: r.contact, at: new Date(r.at).toISOString() }));
  }
}
