import { Injectable } from '@nestjs/common';
import type { BulletinDto, BulletinHeaderDto, RankingPeriod } from '@hotline/contracts';
import { maskPhonesInText, type TimeRange } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { isDuplicateKey } from '../../platform/database/errors';

interface BulletinRow {
  id: number;
  no: string;
  period_kind: RankingPeriod;
  period_from: Date;
  period_to: Date;
  issued_at: Date;
  content?: string;
}

const header = (r: BulletinRow): BulletinHeaderDto => ({
  id: Number(r.id),
  no: r.no,
  period: r.period_kind,
  from: new Date(r.period_from).toISOString(),
  to: new Date(r.period_to).toISOString(),
  issuedAt: new Date(r.issued_at).toISOString(),
});

export class PeriodHasBulletin extends Error {}

/** The SQL of bulletins (insert only: the table's triggers refuse changes) and of the cases a bulletin lists. */
@Injectable()
export class BulletinsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes the year's next number and writes the bulletin in one transaction; the period's unique key refuses a
   * second bulletin of the same period (PeriodHasBulletin), and its number is then not used. `content` is made from
   * the number; the id and the header come from the row when it is read.
   */
  async insert(year: number, kind: RankingPeriod, p: TimeRange, issuedAt: Date, userId: number, content: (seq: number) => Omit<BulletinDto, 'id'>): Promise<number> {
    try {
      return await this.db.transaction(async (m) => {
        await m.query('INSERT INTO bulletin_sequences (year, last_no) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + 1)', [year]);
        const [{ seq }] = await m.query('SELECT LAST_INSERT_ID() AS seq');
        const bulletin = content(Number(seq));
        const res = await m.query('INSERT INTO bulletins (year, seq, no, period_kind, period_from, period_to, issued_at, issued_by, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          year,
          Number(seq),
          bulletin.no,
          kind,
          p.from,
          p.to,
          issuedAt,
          userId,
          JSON.stringify(bulletin),
        ]);
        return Number(res.insertId);
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new PeriodHasBulletin();
      throw e;
    }
  }

  async list(): Promise<BulletinHeaderDto[]> {
    const rows: BulletinRow[] = await this.db.query('SELECT id, no, period_kind, period_from, period_to, issued_at FROM bulletins ORDER BY issued_at DESC, id DESC LIMIT 500');
    return rows.map(header);
  }

  async get(id: number): Promise<BulletinDto | null> {
    const [row]: BulletinRow[] = await this.db.query('SELECT * FROM bulletins WHERE id = ?', [id]);
    return row ? { ...(JSON.parse(row.content!) as BulletinDto), ...header(row) } : null;
  }

  async byPeriod(kind: RankingPeriod, from: Date): Promise<BulletinHeaderDto | null> {
    const [row]: BulletinRow[] = await this.db.query('SELECT id, no, period_kind, period_from, period_to, issued_at FROM bulletins WHERE period_kind = ? AND period_from = ?', [
      kind,
      from,
    ]);
    return row ? header(row) : null;
  }

  /** Per department: tickets that turned red (breached their deadline) in P. */
  async breached(p: TimeRange): Promise<Map<number, number>> {
    const rows: Array<{ department_id: number; n: number }> = await this.db.query(
      'SELECT department_id, COUNT(*) AS n FROM tickets WHERE breached_at >= ? AND breached_at < ? AND department_id IS NOT NULL GROUP BY department_id',
      [p.from, p.to],
    );
    return new Map(rows.map((r) => [Number(r.department_id), Number(r.n)]));
  }

  async dissatisfaction(p: TimeRange, limit = 100): Promise<BulletinDto['dissatisfaction']> {
    const rows: Array<Record<string, any>> = await this.db.query(
      `SELECT t.id, t.no, t.department_id, e.at, t.content FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.action = 'callback' AND e.to_status = 'dispatched' AND e.at >= ? AND e.at < ? ORDER BY e.at, e.id LIMIT ${Number(limit)}`,
      [p.from, p.to],
    );
    return rows.map((r) => ({
      ticketId: Number(r.id),
      no: r.no,
      departmentId: r.department_id === null ? null : Number(r.department_id),
      at: new Date(r.at).toISOString(),
      content: maskPhonesInText(String(r.content)).slice(0, 200),
    }));
  }

  async hotspots(p: TimeRange): Promise<BulletinDto['hotspots']> {
    const rows: Array<Record<string, any>> = await this.db.query(
      'SELECT id, area, keywords, ticket_count, detected_at FROM hotspots WHERE detected_at >= ? AND detected_at < ? ORDER BY ticket_count DESC, id LIMIT 50',
      [p.from, p.to],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      area: r.area,
      keywords: JSON.parse(r.keywords) as string[],
      ticketCount: Number(r.ticket_count),
      detectedAt: new Date(r.detected_at).toISOString(),
    }));
  }
}
