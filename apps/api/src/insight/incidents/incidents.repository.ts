import { Injectable } from '@nestjs/common';
import type { Category, IncidentBoardDto, IncidentDto, IncidentStatus, IncidentSummaryDto } from '@hotline/contracts';
import { hourBuckets, type IncidentMatchRule } from '@hotline/domain';
import { DataSource, type EntityManager } from 'typeorm';

interface IncidentRow {
  id: number;
  name: string;
  keywords: string;
  sla_hours: string | number | null;
  banner: string | null;
  status: IncidentStatus;
  started_at: Date;
  expires_at: Date | null;
  closed_at: Date | null;
  summary: string | null;
  version: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toDto = (r: IncidentRow): IncidentDto => ({
  id: Number(r.id),
  name: r.name,
  keywords: JSON.parse(r.keywords) as string[],
  slaHours: r.sla_hours === null ? null : Number(r.sla_hours),
  banner: r.banner,
  status: r.status,
  startedAt: iso(r.started_at)!,
  expiresAt: iso(r.expires_at),
  closedAt: iso(r.closed_at),
  version: Number(r.version),
});

export interface NewIncident {
  name: string;
  keywords: string[];
  slaHours: number | null;
  banner: string | null;
  startedAt: Date;
  expiresAt: Date | null;
  createdBy: number;
}

/** Board hours: since the start, at most this many. */
const BOARD_HOURS = 72;

/** The SQL of incidents, of the tickets and accounts they hold, and of their board. */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(i: NewIncident): Promise<number> {
    const res = await this.db.query(
      `INSERT INTO incidents (name, keywords, sla_hours, banner, status, started_at, expires_at, created_by, version) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, 1)`,
      [i.name, JSON.stringify(i.keywords), i.slaHours, i.banner, i.startedAt, i.expiresAt, i.createdBy],
    );
    return Number(res.insertId);
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<(IncidentDto & { summary: IncidentSummaryDto | null }) | null> {
    const [row]: IncidentRow[] = await m.query('SELECT * FROM incidents WHERE id = ?', [id]);
    return row ? { ...toDto(row), summary: row.summary ? (JSON.parse(row.summary) as IncidentSummaryDto) : null } : null;
  }

  async list(status?: IncidentStatus): Promise<IncidentDto[]> {
    const rows: IncidentRow[] = await this.db.query(
      `SELECT * FROM incidents ${status ? 'WHERE status = ?' : ''} ORDER BY started_at DESC, id DESC LIMIT 200`,
      status ? [status] : [],
    );
    return rows.map(toDto);
  }

  /** open -> closed with its summary, guarded by status and version; answers whether this call closed it. */
  async close(m: EntityManager, id: number, version: number, userId: number, now: Date, summary: IncidentSummaryDto): Promise<boolean> {
    const res = await m.query(
      "UPDATE incidents SET status = 'closed', closed_at = ?, closed_by = ?, summary = ?, version = version + 1 WHERE id = ? AND status = 'open' AND version = ?",
      [now, userId, JSON.stringify(summary), id, version],
    );
    return Number(res.affectedRows) === 1;
  }

  /** The open incidents as intake matches them (IncidentMatcher). */
  async openRules(): Promise<IncidentMatchRule[]> {
    const rows = await this.db.query<Array<Record<string, any>>>("SELECT id, keywords, sla_hours, started_at FROM incidents WHERE status = 'open'");
    return rows.map((r) => ({
      id: Number(r.id),
      keywords: JSON.parse(r.keywords) as string[],
      slaHours: r.sla_hours === null ? null : Number(r.sla_hours),
      startedAt: new Date(r.started_at),
    }));
  }

  /** A temporary agent account of the incident (专项临时话务员), active until `expiresAt`. */
  async insertTemporaryAgent(a: { username: string; displayName: string; passwordHash: string; incidentId: number; expiresAt: Date | null; at: Date }): Promise<void> {
    await this.db.query(
      `INSERT INTO users (username, display_name, role, department_id, password_hash, active, created_at, updated_at, password_changed_at, version, incident_id, expires_at)
         VALUES (?, ?, 'agent', NULL, ?, 1, ?, ?, ?, 1, ?, ?)`,
      [a.username, a.displayName, a.passwordHash, a.at, a.at, a.at, a.incidentId, a.expiresAt],
    );
  }

  /** The incident's temporary accounts still active (ids), and deactivates them inside the caller's transaction. */
  async deactivateAgents(m: EntityManager, incidentId: number, now: Date): Promise<number[]> {
    const rows: Array<{ id: number }> = await m.query('SELECT id FROM users WHERE incident_id = ? AND active = 1 FOR UPDATE', [incidentId]);
    if (rows.length === 0) return [];
    await m.query('UPDATE users SET active = 0, updated_at = ?, version = version + 1 WHERE incident_id = ? AND active = 1', [now, incidentId]);
    return rows.map((r) => Number(r.id));
  }

  /** Temporary accounts past their expiry that are still active. */
  async expiredAgents(now: Date): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.db.query('SELECT id FROM users WHERE expires_at <= ? AND active = 1 AND incident_id IS NOT NULL LIMIT 1000', [now]);
    return rows.map((r) => Number(r.id));
  }

  /** Deactivates one account if still active; answers whether this call did. */
  async deactivateUser(id: number, now: Date): Promise<boolean> {
    const res = await this.db.query('UPDATE users SET active = 0, updated_at = ?, version = version + 1 WHERE id = ? AND active = 1', [now, id]);
    return Number(res.affectedRows) === 1;
  }

  /** Tags (or, with null, untags) a ticket, guarded by its version: answers whether this call changed it. */
  async tagTicket(m: EntityManager, ticketId: number, incidentId: number | null, version: number, now: Date): Promise<boolean> {
    const res = await m.query('UPDATE tickets SET incident_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?', [incidentId, now, ticketId, version]);
    return Number(res.affectedRows) === 1;
  }

  async board(id: number, startedAt: Date, now: Date): Promise<IncidentBoardDto> {
    const q = <T>(sql: string, params: unknown[]) => this.db.query<T[]>(sql, params);
    const overdue = `((status <> 'closed' AND replied_at IS NULL AND due_at <= ?) OR replied_at > due_at)`;
    const [[totals], categories, departments, hours, [callbacks], [agents]] = await Promise.all([
      q<Record<string, unknown>>(
        `SELECT COUNT(*) AS total, SUM(status <> 'closed') AS open, SUM(${overdue}) AS overdue, SUM(status = 'closed') AS closed FROM tickets WHERE incident_id = ?`,
        [now, id],
      ),
      q<{ category: Category; n: number }>('SELECT category, COUNT(*) AS n FROM tickets WHERE incident_id = ? GROUP BY category ORDER BY n DESC, category', [id]),
      q<Record<string, unknown>>(
        `SELECT department_id, COUNT(*) AS n, SUM(status <> 'closed') AS open, SUM(${overdue}) AS overdue FROM tickets WHERE incident_id = ? GROUP BY department_id ORDER BY n DESC, department_id`,
        [now, id],
      ),
      // DATETIME holds UTC: the hour as text needs no time zone of the session
      q<{ h: string; n: number }>(
        "SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:00:00.000Z') AS h, COUNT(*) AS n FROM tickets WHERE incident_id = ? AND created_at >= ? GROUP BY h",
        [id, new Date(Math.max(startedAt.getTime(), now.getTime() - BOARD_HOURS * 3_600_000) - 3_600_000)],
      ),
      q<Record<string, unknown>>(
        "SELECT COUNT(*) AS n, SUM(e.to_status = 'closed') AS satisfied FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.incident_id = ? AND e.action = 'callback'",
        [id],
      ),
      q<Record<string, unknown>>('SELECT COUNT(*) AS total, SUM(active) AS active FROM users WHERE incident_id = ?', [id]),
    ]);
    const n = (v: unknown) => Number(v ?? 0);
    const span = Math.min(BOARD_HOURS, Math.max(1, Math.ceil((now.getTime() - Math.floor(startedAt.getTime() / 3_600_000) * 3_600_000) / 3_600_000)));
    const byHour = new Map(hours.map((h) => [h.h, n(h.n)]));
    const satisfied = n(callbacks.satisfied);
    const calls = n(callbacks.n);
    return {
      asOf: now.toISOString(),
      total: n(totals.total),
      open: n(totals.open),
      overdue: n(totals.overdue),
      closed: n(totals.closed),
      satisfactionRate: { numerator: satisfied, denominator: calls, rate: calls === 0 ? null : satisfied / calls },
      byHour: hourBuckets(now, span).map((h) => ({ hour: h.toISOString(), count: byHour.get(h.toISOString()) ?? 0 })),
      byCategory: categories.map((c) => ({ category: c.category, count: n(c.n) })),
      byDepartment: departments.map((d) => ({ departmentId: d.department_id === null ? null : n(d.department_id), count: n(d.n), open: n(d.open), overdue: n(d.overdue) })),
      temporaryAgents: { total: n(agents.total), active: n(agents.active) },
    };
  }
}
