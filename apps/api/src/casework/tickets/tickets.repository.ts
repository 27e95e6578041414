import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK_RUNNING, TRACKED, type SlaJob, type SlaKind } from '../../sla/sla-kinds';
import { TERMS_COLUMN, TERMS_JOIN } from '../../understanding/understanding-jobs/ticket-terms.repository';
import { TicketEntity } from './ticket.entity';

/** The effects of a deadline's timers, recorded by a guarded UPDATE (SlaEffects one by one, SlaBatcher many at once). */
export type DeadlineKind = 'warn' | 'breach' | 'accept';

/**
 * What each deadline effect writes, the version its timer was armed for, and what must still hold: the clock still
 * applies (`status IN (?)`: `statuses`), the effect is not yet recorded, the point has passed.
 */
const DEADLINE: Record<DeadlineKind, { set: string; version: string; where: string; statuses: readonly string[] }> = {
  warn: {
    // Recorded even when the breach came first (a lost timer caught up by the sweeper), without undoing the breach.
    set: "warned_at = ?, warning_count = warning_count + 1, sla_state = IF(sla_state = 'on_track', 'warning', sla_state)",
    version: 'deadline_version',
    where: 'warned_at IS NULL AND status IN (?) AND warn_at <= ?',
    statuses: CLOCK_RUNNING,
  },
  breach: {
    // breach_count counts every deadline missed over the ticket's life: nothing resets it
    set: "sla_state = 'breached', breached_at = ?, breach_count = breach_count + 1",
    version: 'deadline_version',
    where: "sla_state <> 'breached' AND status IN (?) AND due_at <= ?",
    statuses: CLOCK_RUNNING,
  },
  accept: {
    set: 'accept_overdue_at = ?',
    version: 'dispatch_count',
    where: 'accept_overdue_at IS NULL AND status IN (?) AND accept_due_at <= ?',
    statuses: ['dispatched'],
  },
};

/** The sweeper's catch-up: the points in time due but not recorded, oldest first. */
const SWEEP_DUE: Record<Exclude<SlaKind, 'order'>, (limit: number) => string> = {
  warn: (limit) => `SELECT id, deadline_version AS v FROM tickets WHERE status IN (?) AND warned_at IS NULL AND warn_at <= ? ORDER BY warn_at LIMIT ${limit}`,
  breach: (limit) => `SELECT id, deadline_version AS v FROM tickets WHERE status IN (?) AND sla_state <> 'breached' AND due_at <= ? ORDER BY due_at LIMIT ${limit}`,
  accept: (limit) =>
    `SELECT id, dispatch_count AS v FROM tickets WHERE status IN ('dispatched') AND accept_due_at <= ? AND accept_overdue_at IS NULL ORDER BY accept_due_at LIMIT ${limit}`,
  follow_up: (limit) =>
    `SELECT id, follow_up_version AS v FROM tickets WHERE status IN (?) AND follow_up_due_at <= ? AND follow_up_missed_at IS NULL ORDER BY follow_up_due_at LIMIT ${limit}`,
};

/** A ticket as a batch of deadline effects locks it (what its audit line and event need). */
export interface DueRow {
  id: number;
  no: string;
  status: TicketEntity['status'];
  urgency: TicketEntity['urgency'];
  department_id: number | null;
  sla_state: TicketEntity['slaState'];
  due_at: Date;
  warn_at: Date;
  accept_due_at: Date | null;
  deadline_version: number;
  sla_calendar_id: number | null;
  /** Before this effect: a breach adds one. */
  breach_count: number;
}

/** The columns of a ticket its live event (toEventPayload) and an order the system opens on it need. */
const EVENT_COLUMNS = 'id, no, status, urgency, department_id, sla_state, due_at, deadline_version, sla_calendar_id, breach_count';

/** A row of EVENT_COLUMNS as a ticket: only those fields are set. */
export function eventTicket(r: Record<string, any>): TicketEntity {
  return {
    id: Number(r.id),
    no: r.no,
    status: r.status,
    urgency: r.urgency,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    slaState: r.sla_state,
    dueAt: new Date(r.due_at),
    deadlineVersion: Number(r.deadline_version),
    slaCalendarId: r.sla_calendar_id === null ? null : Number(r.sla_calendar_id),
    breachCount: Number(r.breach_count),
  } as TicketEntity;
}

/** A ticket as understanding reads it: its text, where it was called from, and its kept words (null when none). */
export interface UnderstandingRow {
  id: number;
  no: string;
  content: string;
  caller_phone: string | null;
  address: string | null;
  area_key: string | null;
  created_at: Date;
  created_by: number | null;
  terms: string | null;
}

/**
 * The SQL of `tickets`. Every change is a guarded UPDATE (id with status and version, or the version a timer was armed
 * for, in the WHERE clause) whose affected count the caller checks; the clock's UPDATEs name the primary key as their
 * index (FORCE INDEX (PRIMARY)). Whole tickets are read through the TypeORM repository of TicketEntity.
 */
@Injectable()
export class TicketsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes the ticket's row lock first. Everything that changes a ticket and its orders locks in that order (the ticket,
   * then its orders): a transition holds the ticket's row from its guarded UPDATE on, so an order change that locked the
   * order first and the ticket second (its audit line's foreign key) deadlocked with a reply answering the same order.
   */
  async lock(m: EntityManager, id: number): Promise<void> {
    await m.query('SELECT id FROM tickets WHERE id = ? FOR UPDATE', [id]);
  }

  /**
   * Several tickets' row locks, in id order, with what their live events and a system's order need (eventTicket); a
   * ticket that no longer exists is absent from the map.
   */
  async lockForEvents(m: EntityManager, ids: number[]): Promise<Map<number, TicketEntity>> {
    if (!ids.length) return new Map();
    const rows: Array<Record<string, any>> = await m.query(`SELECT ${EVENT_COLUMNS} FROM tickets FORCE INDEX (PRIMARY) WHERE id IN (?) ORDER BY id FOR UPDATE`, [ids]);
    return new Map(rows.map((r) => [Number(r.id), eventTicket(r)]));
  }

  /**
   * Several tickets' row locks, in id order (two merges of the same pair, either way round, queue instead of
   * deadlocking), read as they are now, not as the transaction's snapshot saw them.
   */
  async lockInOrder(m: EntityManager, ids: number[]): Promise<void> {
    await m.query('SELECT id FROM tickets WHERE id IN (?) ORDER BY id FOR UPDATE', [ids]);
  }

  /**
   * The guarded UPDATE of an action or a change by hand: matches only while the ticket is at the status and version
   * read (and, with `departmentId`, still in that department), and moves its version on; whether it matched.
   */
  async updateGuarded(m: EntityManager, t: Pick<TicketEntity, 'id' | 'status' | 'version'>, changes: Partial<TicketEntity>, departmentId?: number | null): Promise<boolean> {
    const qb = m
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND status = :status AND version = :version', { id: t.id, status: t.status, version: t.version });
    if (departmentId !== undefined) qb.andWhere('department_id = :dept', { dept: departmentId });
    const res = await qb.execute();
    return res.affected === 1;
  }

  /**
   * The ticket's status and version as committed now: a locking read sees the committed winner, not the caller's
   * snapshot. (LOCK IN SHARE MODE is the form both MySQL 8 and MariaDB accept; TypeORM would write FOR SHARE.)
   */
  async committedState(m: EntityManager, id: number): Promise<{ status: TicketEntity['status']; version: number } | undefined> {
    const [cur] = await m.query('SELECT status, version FROM tickets WHERE id = ? LOCK IN SHARE MODE', [id]);
    return cur;
  }

  /** How many tickets were merged into this one. */
  async duplicatesOf(m: EntityManager, id: number): Promise<number> {
    const [{ n }] = await m.query('SELECT COUNT(*) AS n FROM tickets WHERE duplicate_of_id = ?', [id]);
    return Number(n);
  }

  /** 积案: on the register from now, unless it is already. */
  async markBacklog(m: EntityManager, id: number, now: Date): Promise<void> {
    await m.query('UPDATE tickets SET backlog_since = ? WHERE id = ? AND backlog_since IS NULL', [now, id]);
  }

  /** The tickets merged into `fromId` follow it to `toId`: nobody is left a duplicate of a duplicate. */
  async moveDuplicates(m: EntityManager, fromId: number, toId: number): Promise<void> {
    await m.query('UPDATE tickets SET duplicate_of_id = ? WHERE duplicate_of_id = ?', [toId, fromId]);
  }

  /** Which of these tickets are confidential. */
  async confidentialAmong(ids: number[]): Promise<number[]> {
    // a trail may name an archived ticket (a duplicate's original)
    const rows: Array<{ id: number }> = ids.length
      ? await this.db.query('SELECT id FROM tickets WHERE id IN (?) AND confidential = 1 UNION SELECT id FROM tickets_archive WHERE id IN (?) AND confidential = 1', [ids, ids])
      : [];
    return rows.map((r) => Number(r.id));
  }

  /**
   * Records a deadline's effect on one ticket, while the version its timer was armed for is still the ticket's. The
   * effects' UPDATEs name the primary key as their index: on a small table (a fresh database) the optimizer may
   * otherwise pick a secondary index such as (status, accept_due_at) and lock its gaps, which deadlocked with a
   * concurrent transition's insert into that index (seen at start-up, with the demo seeder signing for tickets).
   */
  async recordDeadline(m: EntityManager, kind: DeadlineKind, id: number, version: number, now: Date): Promise<boolean> {
    const g = DEADLINE[kind];
    const res = await m.query(`UPDATE tickets FORCE INDEX (PRIMARY) SET ${g.set} WHERE id = ? AND ${g.version} = ? AND ${g.where}`, [now, id, version, g.statuses, now]);
    return res.affectedRows === 1;
  }

  /**
   * Records a deadline's effect on many tickets at once: one locking read of those whose guard holds, then one UPDATE
   * of the same guard (the caller checks that it changed as many rows as were locked). By the primary key only, as one
   * ticket's UPDATE does: read through (status, due_at) a locking read and the UPDATE would lock that index's range
   * and gaps, and an agent's action moving a ticket's status there would deadlock.
   */
  async recordDeadlines(m: EntityManager, kind: DeadlineKind, jobs: SlaJob[], now: Date): Promise<{ locked: DueRow[]; affected: number }> {
    const g = DEADLINE[kind];
    const ids = jobs.map((j) => j.ticketId);
    const versions = jobs.map(() => `(id = ? AND ${g.version} = ?)`).join(' OR ');
    const versionParams = jobs.flatMap((j) => [j.ticketId, j.version]);
    const guard = `id IN (?) AND (${versions}) AND ${g.where}`;
    const params = [ids, ...versionParams, g.statuses, now];
    const locked: DueRow[] = await m.query(`SELECT ${EVENT_COLUMNS}, warn_at, accept_due_at FROM tickets FORCE INDEX (PRIMARY) WHERE ${guard} ORDER BY id FOR UPDATE`, params);
    if (!locked.length) return { locked, affected: 0 };
    const res = await m.query(`UPDATE tickets FORCE INDEX (PRIMARY) SET ${g.set} WHERE ${guard}`, [now, ...params]);
    return { locked, affected: Number(res.affectedRows) };
  }

  /** The tracker's follow-up interval passed without a follow-up: recorded once per interval (its version). */
  async recordFollowUpMissed(m: EntityManager, id: number, version: number, now: Date): Promise<boolean> {
    const res = await m.query(
      `UPDATE tickets FORCE INDEX (PRIMARY) SET follow_up_missed_at = ? WHERE id = ? AND follow_up_version = ? AND follow_up_missed_at IS NULL
          AND tracker_id IS NOT NULL AND status IN (?) AND follow_up_due_at <= ?`,
      [now, id, version, TRACKED, now],
    );
    return res.affectedRows === 1;
  }

  /** Points in time of this kind due before `cutoff` and not recorded: the ticket and the version its timer is for. */
  async dueForSweep(kind: Exclude<SlaKind, 'order'>, cutoff: Date, limit: number): Promise<Array<{ id: number; v: number }>> {
    return this.db.query(SWEEP_DUE[kind](limit), kind === 'accept' ? [cutoff] : [kind === 'follow_up' ? TRACKED : CLOCK_RUNNING, cutoff]);
  }

  /** Tickets with a timer due before `horizon` (the sweeper re-arms them), with the fields the timers are armed from. */
  upcomingTimers(horizon: Date, limit: number): Promise<TicketEntity[]> {
    return this.db
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .select([
        't.id',
        't.status',
        't.slaState',
        't.warnAt',
        't.warnedAt',
        't.dueAt',
        't.deadlineVersion',
        't.acceptDueAt',
        't.acceptOverdueAt',
        't.dispatchCount',
        't.followUpDueAt',
        't.followUpMissedAt',
        't.followUpVersion',
      ])
      .where(
        `(t.status IN (:...running) AND ((t.warned_at IS NULL AND t.warn_at <= :h) OR (t.sla_state <> 'breached' AND t.due_at <= :h)))
         OR (t.status = 'dispatched' AND t.accept_overdue_at IS NULL AND t.accept_due_at <= :h)
         OR (t.status IN (:...tracked) AND t.follow_up_missed_at IS NULL AND t.follow_up_due_at <= :h)`,
        { running: CLOCK_RUNNING, tracked: TRACKED, h: horizon },
      )
      .limit(limit)
      .getMany();
  }

  /**
   * 积案 candidates: open tickets registered before `old`, reopened `reopenings` times or more, marked, or with `repeats`
   * merged repeats or more; oldest first, at most 1000; each with its calls (itself and its merged repeats).
   */
  async backlogCandidates(f: { old: Date; reopenings: number; repeats: number; departmentId?: number }): Promise<Array<{ ticket: TicketEntity; calls: number | undefined }>> {
    const qb = this.db
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .addSelect('(SELECT COUNT(*) FROM tickets d WHERE d.duplicate_of_id = t.id) + 1', 'calls')
      .where("t.status <> 'closed'")
      .andWhere(
        `(t.created_at <= :old OR t.reopen_count >= :reopenings OR t.backlog_since IS NOT NULL
          OR t.id IN (SELECT d.duplicate_of_id FROM tickets d WHERE d.duplicate_of_id IS NOT NULL GROUP BY d.duplicate_of_id HAVING COUNT(*) >= :repeats))`,
        { old: f.old, reopenings: f.reopenings, repeats: f.repeats },
      )
      .orderBy('t.created_at', 'ASC')
      .limit(1000);
    if (f.departmentId !== undefined) qb.andWhere('t.department_id = :dept', { dept: f.departmentId });
    const { entities, raw } = await qb.getRawAndEntities();
    const callsById = new Map(raw.map((r: Record<string, unknown>) => [Number(r.t_id), Number(r.calls)]));
    return entities.map((ticket) => ({ ticket, calls: callsById.get(ticket.id) }));
  }

  /**
   * 清零 candidates of a period: in a department, on the register before `registeredBefore` by age (or before `to` by a
   * recorded reopening or repeat), and not closed before `from`.
   */
  async backlogHistory(registeredBefore: Date, to: Date, from: Date): Promise<Array<{ departmentId: number; createdAt: Date; closedAt: Date | null; backlogSince: Date | null }>> {
    const rows: any[] = await this.db.query(
      `SELECT department_id, created_at, closed_at, backlog_since FROM tickets
        WHERE (created_at < ? OR backlog_since < ?) AND (closed_at IS NULL OR closed_at >= ?) AND department_id IS NOT NULL`,
      [registeredBefore, to, from],
    );
    return rows.map((r) => ({
      departmentId: Number(r.department_id),
      createdAt: new Date(r.created_at),
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
      backlogSince: r.backlog_since ? new Date(r.backlog_since) : null,
    }));
  }

  /** The ticket as understanding reads it, with its kept words; undefined when it is gone. */
  async forUnderstanding(id: number): Promise<UnderstandingRow | undefined> {
    const [t]: UnderstandingRow[] = await this.db.query(
      `SELECT t.id, t.no, t.content, t.caller_phone, t.address, t.area_key, t.created_at, t.created_by, ${TERMS_COLUMN} FROM tickets t ${TERMS_JOIN} WHERE t.id = ?`,
      [id],
    );
    return t;
  }

  /** Tickets registered between `from` and `to` whose words were never kept, oldest first. */
  async notUnderstood(from: Date, to: Date, limit: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.db.query(
      `SELECT t.id FROM tickets t ${TERMS_JOIN} WHERE t.created_at >= ? AND t.created_at < ? AND tt.ticket_id IS NULL ORDER BY t.created_at LIMIT ${Number(limit)}`,
      [from, to],
    );
    return rows.map((r) => Number(r.id));
  }

  /** The routed history a routing model learns from: replied tickets that a department kept, newest first. */
  routedHistory(m: EntityManager, limit: number): Promise<Array<{ content: string; category: string; department_id: number }>> {
    return m.query(
      'SELECT content, category, department_id FROM tickets WHERE replied_at IS NOT NULL AND department_id IS NOT NULL AND duplicate_of_id IS NULL ORDER BY id DESC LIMIT ?',
      [limit],
    );
  }
}
