import { Injectable } from '@nestjs/common';
import type { HotspotStatus } from '@hotline/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { TERMS_COLUMN, TERMS_JOIN } from '../understanding-jobs/ticket-terms.repository';

/** A hotspot as the table holds it. */
export interface HotspotRow {
  id: number;
  area: string;
  keywords: string;
  status: HotspotStatus;
  ticket_count: number;
  first_at: Date;
  last_at: Date;
  detected_at: Date;
  closed_at: Date | null;
  version: number;
}

/** A ticket of an area, with its words as kept at its registration. */
export interface AreaTicketRow {
  id: number;
  content: string;
  created_at: Date;
  terms: string | null;
}

export interface NewHotspot {
  area: string;
  keywords: string[];
  firstAt: Date;
  /** The newest ticket's time: the hotspot's last_at and when its members were added. */
  at: Date;
  detectedAt: Date;
  ticketIds: number[];
}

/**
 * The SQL of hotspots: `hotspots` and its member list `hotspot_tickets` (a ticket joins a hotspot at most once, by
 * the primary key, and only a join that inserted a row counts), and the tickets of an area that detection reads.
 */
@Injectable()
export class HotspotsRepository {
  constructor(private readonly db: DataSource) {}

  /** How many tickets of the area were registered since `since`, counted up to `cap` only. */
  async countInWindow(areaKey: string, since: Date, cap: number): Promise<number> {
    // counted up to the threshold only: in a crisis an area has thousands of tickets in the window, and every one looks
    const [{ n }]: Array<{ n: number }> = await this.db.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM tickets WHERE area_key = ? AND created_at >= ? LIMIT ${Number(cap)}) w`, [
      areaKey,
      since,
    ]);
    return Number(n);
  }

  /** Whether the area has an open hotspot whose last ticket came at or after `since`. */
  async hasOpen(areaKey: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query("SELECT id FROM hotspots WHERE area = ? AND status = 'open' AND last_at >= ? LIMIT 1", [areaKey, since]);
    return rows.length > 0;
  }

  /** The area's open hotspots whose last ticket came at or after `since`, latest first; on the area lock's connection. */
  openInArea(m: EntityManager, area: string, since: Date): Promise<HotspotRow[]> {
    return m.query('SELECT * FROM hotspots WHERE area = ? AND status = ? AND last_at >= ? ORDER BY last_at DESC LIMIT 20', [area, 'open', since]);
  }

  /** The texts and words of the hotspot's 20 latest members. */
  memberTexts(m: EntityManager, hotspotId: number): Promise<Array<{ content: string; terms: string | null }>> {
    return m.query(
      `SELECT t.content, ${TERMS_COLUMN} FROM hotspot_tickets ht JOIN tickets t ON t.id = ht.ticket_id ${TERMS_JOIN} WHERE ht.hotspot_id = ? ORDER BY ht.added_at DESC LIMIT 20`,
      [hotspotId],
    );
  }

  /** The ticket joins the hotspot, once: the count and last time move only when its membership row was inserted. */
  async join(m: EntityManager, hotspotId: number, ticketId: number, now: Date): Promise<void> {
    await m.transaction(async (tx) => {
      const res = await tx.query('INSERT IGNORE INTO hotspot_tickets (hotspot_id, ticket_id, added_at) VALUES (?, ?, ?)', [hotspotId, ticketId, now]);
      if (Number(res.affectedRows ?? 0) === 1) {
        await tx.query('UPDATE hotspots SET ticket_count = ticket_count + 1, last_at = GREATEST(last_at, ?), version = version + 1 WHERE id = ?', [now, hotspotId]);
      }
    });
  }

  /** The area's tickets of [since, until] that are neither duplicates nor in a hotspot, newest first (at most 200). */
  unclaimed(m: EntityManager, area: string, since: Date, until: Date): Promise<AreaTicketRow[]> {
    return m.query(
      `SELECT t.id, t.content, t.created_at, ${TERMS_COLUMN} FROM tickets t LEFT JOIN hotspot_tickets ht ON ht.ticket_id = t.id ${TERMS_JOIN}
       WHERE t.area_key = ? AND t.created_at >= ? AND t.created_at <= ? AND t.duplicate_of_id IS NULL AND ht.ticket_id IS NULL
       ORDER BY t.created_at DESC LIMIT 200`,
      [area, since, until],
    );
  }

  /** The hotspot and its members, in one transaction; its id. */
  insert(m: EntityManager, h: NewHotspot): Promise<number> {
    return m.transaction(async (tx: EntityManager) => {
      const res = await tx.query('INSERT INTO hotspots (area, keywords, status, ticket_count, first_at, last_at, detected_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', [
        h.area,
        JSON.stringify(h.keywords),
        'open',
        h.ticketIds.length,
        h.firstAt,
        h.at,
        h.detectedAt,
      ]);
      const hotspotId = Number(res.insertId);
      await tx.query(
        `INSERT INTO hotspot_tickets (hotspot_id, ticket_id, added_at) VALUES ${h.ticketIds.map(() => '(?, ?, ?)').join(', ')}`,
        h.ticketIds.flatMap((id) => [hotspotId, id, h.at]),
      );
      return hotspotId;
    });
  }

  async summary(id: number): Promise<Pick<HotspotRow, 'id' | 'area' | 'ticket_count' | 'keywords'> | null> {
    const [row]: HotspotRow[] = await this.db.query('SELECT id, area, ticket_count, keywords FROM hotspots WHERE id = ?', [id]);
    return row ?? null;
  }

  list(status: HotspotStatus | undefined, limit: number): Promise<HotspotRow[]> {
    return this.db.query(`SELECT * FROM hotspots ${status ? 'WHERE status = ?' : ''} ORDER BY last_at DESC LIMIT ${Number(limit)}`, status ? [status] : []);
  }

  async get(id: number): Promise<HotspotRow | null> {
    const [row]: HotspotRow[] = await this.db.query('SELECT * FROM hotspots WHERE id = ?', [id]);
    return row ?? null;
  }

  /** A guarded UPDATE (id, open, version): false when the hotspot changed or closed meanwhile. */
  async close(id: number, version: number, userId: number, now: Date): Promise<boolean> {
    const res = await this.db.query("UPDATE hotspots SET status = 'closed', closed_at = ?, closed_by = ?, version = version + 1 WHERE id = ? AND status = 'open' AND version = ?", [
      now,
      userId,
      id,
      version,
    ]);
    return Number(res.affectedRows) === 1;
  }

  /** The hotspot's tickets, oldest first (at most 500). */
  members(hotspotId: number): Promise<Array<Record<string, any>>> {
    return this.db.query(
      `SELECT t.id, t.no, t.status, t.urgency, t.department_id, t.created_at FROM hotspot_tickets ht JOIN tickets t ON t.id = ht.ticket_id
       WHERE ht.hotspot_id = ? ORDER BY t.created_at, t.id LIMIT 500`,
      [hotspotId],
    );
  }
}
