import { Injectable } from '@nestjs/common';
import type { SupervisionKind, SupervisionLevel, SupervisionStatus, TicketStatus } from '@hotline/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** A supervision order (督办单) as the table holds it. */
export interface OrderRow {
  id: number;
  ticketId: number;
  no: string;
  departmentId: number | null;
  kind: SupervisionKind;
  level: SupervisionLevel;
  status: SupervisionStatus;
  dueAt: Date;
  deadlineVersion: number;
  calendarId: number | null;
  note: string | null;
  response: string | null;
  closeNote: string | null;
  createdBy: number;
  createdAt: Date;
  respondedAt: Date | null;
  closedAt: Date | null;
  overdueAt: Date | null;
  version: number;
  ticketStatus: TicketStatus;
  urgeCount: number;
}

export interface NewOrder {
  ticketId: number;
  departmentId: number | null;
  kind: SupervisionKind;
  level: SupervisionLevel;
  dueAt: Date;
  calendarId: number | null;
  note: string | null;
  createdBy: number;
  at: Date;
}

export interface OrderFilter {
  status?: SupervisionStatus;
  kind?: SupervisionKind;
  departmentId?: number;
  ticketId?: number;
}

const SELECT = `SELECT s.id, s.ticket_id, t.no, s.department_id, s.kind, s.level, s.status, s.due_at, s.deadline_version, s.calendar_id, s.note,
  s.response, s.close_note, s.created_by, s.created_at, s.responded_at, s.closed_at, s.overdue_at, s.version, t.status AS ticket_status, t.urge_count
  FROM supervisions s JOIN tickets t ON t.id = s.ticket_id`;

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));

function toRow(r: Record<string, any>): OrderRow {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticket_id),
    no: r.no,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    kind: r.kind,
    level: r.level,
    status: r.status,
    dueAt: date(r.due_at)!,
    deadlineVersion: Number(r.deadline_version),
    calendarId: r.calendar_id === null ? null : Number(r.calendar_id),
    note: r.note,
    response: r.response,
    closeNote: r.close_note,
    createdBy: Number(r.created_by),
    createdAt: date(r.created_at)!,
    respondedAt: date(r.responded_at),
    closedAt: date(r.closed_at),
    overdueAt: date(r.overdue_at),
    version: Number(r.version),
    ticketStatus: r.ticket_status,
    urgeCount: Number(r.urge_count),
  };
}

/**
 * Every query on `supervisions`. Changes are guarded UPDATEs (id, status and version or deadline version in the WHERE
 * clause) whose affected count the caller checks; "one open order per kind per ticket" is the unique key
 * uq_supervisions_one_open on (ticket_id, open_kind), open_kind being NULL once an order is closed.
 */
@Injectable()
export class SupervisionOrders {
  constructor(private readonly db: DataSource) {}

  /** Inserts the order; throws the duplicate-key error when one of its kind is open on the ticket. */
  async insert(m: EntityManager, o: NewOrder): Promise<number> {
    const res = await m.query(
      `INSERT INTO supervisions (ticket_id, department_id, kind, level, status, due_at, calendar_id, note, created_by, created_at)
       VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
      [o.ticketId, o.departmentId, o.kind, o.level, o.dueAt, o.calendarId, o.note, o.createdBy, o.at],
    );
    return Number(res.insertId);
  }

  /**
   * Inserts orders of one kind, in one statement, on those of the tickets that have none of it open (the unique key
   * skips the others); the new orders' ids by ticket. When only some of several were skipped, which rows are new cannot
   * be told apart: it throws, and the caller's transaction is undone (SlaBatcher then records ticket by ticket).
   */
  async insertUnlessOpen(m: EntityManager, orders: NewOrder[]): Promise<Map<number, number>> {
    const ids = new Map<number, number>();
    if (!orders.length) return ids;
    const res = await m.query(
      `INSERT INTO supervisions (ticket_id, department_id, kind, level, status, due_at, calendar_id, note, created_by, created_at)
       VALUES ${orders.map(() => "(?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)").join(', ')} ON DUPLICATE KEY UPDATE id = id`,
      orders.flatMap((o) => [o.ticketId, o.departmentId, o.kind, o.level, o.dueAt, o.calendarId, o.note, o.createdBy, o.at]),
    );
    const inserted = Number(res.affectedRows);
    if (inserted === 0) return ids;
    if (inserted !== orders.length) throw new Error(`${orders.length - inserted} of ${orders.length} tickets already had an open ${orders[0].kind} order`);
    // one open order per kind and ticket (the unique key), and none was open before: the open ones are the new ones
    const rows: Array<{ id: number | string; ticket_id: number | string }> = await m.query(`SELECT id, ticket_id FROM supervisions WHERE ticket_id IN (?) AND open_kind = ?`, [
      orders.map((o) => o.ticketId),
      orders[0].kind,
    ]);
    for (const r of rows) ids.set(Number(r.ticket_id), Number(r.id));
    return ids;
  }

  /**
   * A plain read: every change after it is a guarded UPDATE by primary key and version (a concurrent change shows as an
   * affected count of 0), taken after the ticket's row lock (TicketsRepository.lock), the order every ticket change keeps.
   */
  async find(m: EntityManager, id: number): Promise<OrderRow | null> {
    const [r] = await m.query(`${SELECT} WHERE s.id = ?`, [id]);
    return r ? toRow(r) : null;
  }

  /**
   * The ticket's orders not yet closed, read as committed now (a locking read): the caller holds the ticket's row
   * lock (a transition), so no order of this ticket is opened or changed meanwhile, and an order opened after the
   * caller's snapshot is still seen (a plain read would miss it and leave it unanswered).
   */
  async unclosedOf(m: EntityManager, ticketId: number): Promise<OrderRow[]> {
    const rows: any[] = await m.query(`${SELECT} WHERE s.ticket_id = ? AND s.status <> 'closed' ORDER BY s.id FOR UPDATE`, [ticketId]);
    return rows.map(toRow);
  }

  async list(f: OrderFilter, limit = 500): Promise<{ items: OrderRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      args.push(value);
    };
    if (f.status) add('s.status = ?', f.status);
    if (f.kind) add('s.kind = ?', f.kind);
    if (f.departmentId !== undefined) add('s.department_id = ?', f.departmentId);
    if (f.ticketId !== undefined) add('s.ticket_id = ?', f.ticketId);
    const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ n }]] = await Promise.all([
      this.db.query<any[]>(`${SELECT}${w} ORDER BY s.status = 'closed', s.due_at, s.id LIMIT ${limit}`, args),
      this.db.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM supervisions s${w}`, args),
    ]);
    return { items: rows.map(toRow), total: Number(n) };
  }

  /** 督办 orders awaiting the department's response per ticket, for the lists (the inbox shows them). */
  async openPerTicket(m: EntityManager, ticketIds: number[]): Promise<Map<number, number>> {
    if (!ticketIds.length) return new Map();
    const rows: Array<{ ticket_id: number; n: number | string }> = await m.query(
      "SELECT ticket_id, COUNT(*) AS n FROM supervisions WHERE status = 'open' AND ticket_id IN (?) GROUP BY ticket_id",
      [ticketIds],
    );
    return new Map(rows.map((r) => [Number(r.ticket_id), Number(r.n)]));
  }

  /** The breach orders in the deprecated list's shape (GET /escalations), with their tickets' fields; newest first, at most 500. */
  breachOrders(status: 'open' | 'closed'): Promise<any[]> {
    return this.db.query(
      `SELECT e.id, e.ticket_id, e.kind, IF(e.status = 'closed', 'closed', 'open') AS status, e.created_at, t.no, t.department_id, t.urgency, t.due_at, t.breached_at
         FROM supervisions e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.kind = 'breach' AND ${status === 'open' ? "e.status <> 'closed'" : "e.status = 'closed'"} ORDER BY e.id DESC LIMIT 500`,
    );
  }

  /**
   * `anyVersion`: a reply answers the order whatever else changed on it meanwhile (an escalation committed after the
   * reply's snapshot was taken); only its being open matters.
   */
  async respond(m: EntityManager, o: OrderRow, response: string, by: number, at: Date, anyVersion = false): Promise<boolean> {
    const res = await m.query(
      `UPDATE supervisions FORCE INDEX (PRIMARY) SET status = 'responded', response = ?, responded_by = ?, responded_at = ?, version = version + 1
        WHERE id = ? AND status = 'open'${anyVersion ? '' : ' AND version = ?'}`,
      [response, by, at, o.id, ...(anyVersion ? [] : [o.version])],
    );
    return Number(res.affectedRows) === 1;
  }

  async close(m: EntityManager, o: OrderRow, note: string | null, by: number, at: Date): Promise<boolean> {
    const res = await m.query(
      `UPDATE supervisions FORCE INDEX (PRIMARY) SET status = 'closed', close_note = ?, closed_by = ?, closed_at = ?, version = version + 1
        WHERE id = ? AND status IN ('open', 'responded') AND version = ?`,
      [note, by, at, o.id, o.version],
    );
    return Number(res.affectedRows) === 1;
  }

  /** The ticket moved to another department (改派, 派单): its unclosed orders follow it. */
  async follow(m: EntityManager, ticketId: number, departmentId: number | null): Promise<void> {
    for (const o of await this.unclosedOf(m, ticketId)) {
      await m.query('UPDATE supervisions SET department_id = ?, version = version + 1 WHERE id = ?', [departmentId, o.id]);
    }
  }

  /**
   * The orders whose timers still hold, locked: open, at the timer's deadline version, not yet marked overdue, and
   * due by `now`. The caller holds their tickets' row locks (the order every ticket change keeps).
   */
  async lockDue(m: EntityManager, timers: Array<{ id: number; deadlineVersion: number }>, now: Date): Promise<OrderRow[]> {
    if (!timers.length) return [];
    const rows: any[] = await m.query(
      `${SELECT} WHERE s.id IN (?) AND (${timers.map(() => '(s.id = ? AND s.deadline_version = ?)').join(' OR ')})
        AND s.status = 'open' AND s.overdue_at IS NULL AND s.due_at <= ? ORDER BY s.id FOR UPDATE`,
      [timers.map((t) => t.id), ...timers.flatMap((t) => [t.id, t.deadlineVersion]), now],
    );
    return rows.map(toRow);
  }

  /** Centre orders past their deadline (locked by lockDue) rise to the leaders with a new deadline. */
  async escalateMany(m: EntityManager, orders: OrderRow[], dueAt: Date, now: Date): Promise<void> {
    if (!orders.length) return;
    const res = await m.query(
      `UPDATE supervisions FORCE INDEX (PRIMARY) SET level = 'leader', escalated_at = ?, due_at = ?, deadline_version = deadline_version + 1, version = version + 1
        WHERE id IN (?) AND status = 'open' AND level = 'centre' AND overdue_at IS NULL`,
      [now, dueAt, orders.map((o) => o.id)],
    );
    // the rows are locked: another count means the read and the update disagree; undo rather than guess
    if (Number(res.affectedRows) !== orders.length) throw new Error(`escalation matched ${res.affectedRows} of ${orders.length} locked orders`);
  }

  /** Leaders' orders past their deadline (locked by lockDue): marked overdue, once. */
  async markOverdueMany(m: EntityManager, orders: OrderRow[], now: Date): Promise<void> {
    if (!orders.length) return;
    const res = await m.query(
      `UPDATE supervisions FORCE INDEX (PRIMARY) SET overdue_at = ?, version = version + 1
        WHERE id IN (?) AND status = 'open' AND level = 'leader' AND overdue_at IS NULL`,
      [now, orders.map((o) => o.id)],
    );
    if (Number(res.affectedRows) !== orders.length) throw new Error(`marking overdue matched ${res.affectedRows} of ${orders.length} locked orders`);
  }

  /** Open orders whose deadline has passed without being recorded (the sweeper's catch-up). */
  async due(cutoff: Date, limit: number): Promise<Array<{ id: number; ticketId: number; deadlineVersion: number }>> {
    const rows: any[] = await this.db.query(
      `SELECT id, ticket_id, deadline_version FROM supervisions WHERE status = 'open' AND overdue_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ${limit}`,
      [cutoff],
    );
    return rows.map((r) => ({ id: Number(r.id), ticketId: Number(r.ticket_id), deadlineVersion: Number(r.deadline_version) }));
  }

  /** Open orders due before `horizon` (the sweeper re-arms their timers). */
  async upcoming(horizon: Date, limit: number): Promise<Array<{ id: number; ticketId: number; status: string; dueAt: Date; deadlineVersion: number; overdueAt: Date | null }>> {
    const rows: any[] = await this.db.query(
      `SELECT id, ticket_id, status, due_at, deadline_version, overdue_at FROM supervisions
        WHERE status = 'open' AND overdue_at IS NULL AND due_at <= ? LIMIT ${limit}`,
      [horizon],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      ticketId: Number(r.ticket_id),
      status: r.status,
      dueAt: date(r.due_at)!,
      deadlineVersion: Number(r.deadline_version),
      overdueAt: null,
    }));
  }
}
