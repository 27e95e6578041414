import { Injectable } from '@nestjs/common';
import type { Category, TicketStatus } from '@hotline/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** Which requests a GET asks for: by ids (nothing else counts), or by period, services and status. */
export type RequestFilter = { ids: number[] } | { from: Date; to: Date; services: Array<{ category: Category; departmentId: number }>; status?: 'open' | 'closed' };

/**
 * The SQL of Open311: the tickets that came through it (source open311) as it publishes them, and their events
 * (the departments' updates, and the id of a citizen's follow-up just recorded).
 */
@Injectable()
export class Open311RequestsRepository {
  constructor(private readonly db: DataSource) {}

  /** The requests, newest first, at most `limit`: the columns GeoReport publishes (or hides, for a confidential one). */
  async find(f: RequestFilter, limit: number): Promise<Array<Record<string, any>>> {
    const where = ["t.source = 'open311'"];
    const params: unknown[] = [];
    if ('ids' in f) {
      where.push('t.id IN (?)');
      params.push(f.ids);
    } else {
      where.push('t.created_at >= ? AND t.created_at < ?');
      params.push(f.from, f.to);
      if (f.services.length) {
        where.push(`(${f.services.map(() => '(t.category = ? AND t.department_id = ?)').join(' OR ')})`);
        params.push(...f.services.flatMap((s) => [s.category, s.departmentId]));
      }
      if (f.status) where.push(f.status === 'closed' ? "t.status = 'closed'" : "t.status <> 'closed'");
    }
    // closed tickets of past years are in the archive, with the same columns: a request stays readable by its id for ever
    const select = (table: string) =>
      `(SELECT t.id, t.status, t.category, t.department_id, t.content, t.confidential, t.reply, t.address, t.address_id, t.lat, t.lng,
               t.media_url, t.created_at, t.updated_at, t.due_at
        FROM ${table} t WHERE ${where.join(' AND ')} ORDER BY t.id DESC LIMIT ${limit})`;
    // (the archive holds closed tickets only: a list of open ones has nothing to look for there)
    if ('status' in f && f.status === 'open') return this.db.query(select('tickets'), params);
    return this.db.query(`${select('tickets')} UNION ALL ${select('tickets_archive')} ORDER BY id DESC LIMIT ${limit}`, [...params, ...params]);
  }

  /** The departments' replies, resolutions, returns and callbacks on Open311 requests in [from, to), oldest first. */
  async updates(from: Date, to: Date, limit: number): Promise<Array<Record<string, any>>> {
    return this.db.query(
      `SELECT e.id, e.ticket_id, e.action, e.to_status, e.at, e.data, t.confidential FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.source = 'open311' AND e.action IN ('reply', 'resolve', 'callback', 'return') AND e.at >= ? AND e.at < ? ORDER BY e.id LIMIT ${limit}`,
      [from, to],
    );
  }

  /** The request's ticket (an Open311 one), or null; `archived` when it is in the archive (read-only). */
  async status(id: number): Promise<{ id: number; status: TicketStatus; archived: boolean } | null> {
    const [t] = await this.db.query(
      "SELECT id, status, 0 AS archived FROM tickets WHERE id = ? AND source = 'open311' UNION ALL SELECT id, status, 1 FROM tickets_archive WHERE id = ? AND source = 'open311'",
      [id, id],
    );
    return t ? { id: Number(t.id), status: t.status, archived: Number(t.archived) === 1 } : null;
  }

  /** The ticket's latest event, in the caller's transaction (the one it just appended). */
  async lastEventId(m: EntityManager, ticketId: number): Promise<string> {
    const [row] = await m.query('SELECT MAX(id) AS id FROM ticket_events WHERE ticket_id = ?', [ticketId]);
    return String(row.id);
  }
}
