import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { TicketEntity } from '../tickets/ticket.entity';
import { TicketExtensionEntity } from './ticket-extension.entity';
import { ArchivedTicketExtensionEntity } from './archived-ticket-extension.entity';

/**
 * Every query on `ticket_extensions` (at most one pending request per ticket: a unique key holds the line), and the
 * ticket rows a request reads, locks and moves. A decision is a guarded UPDATE (the request still pending), and so is
 * the deadline it moves (the ticket's deadline version and version unchanged).
 */
@Injectable()
export class TicketExtensionsRepository {
  constructor(private readonly db: DataSource) {}

  /** The ticket's requests, oldest first (`archived`: from ticket_extensions_archive, where they moved with their ticket). */
  ofTicket(ticketId: number, archived = false): Promise<TicketExtensionEntity[]> {
    return this.db.getRepository(archived ? ArchivedTicketExtensionEntity : TicketExtensionEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  /** The pending requests, oldest first (at most 500). */
  pending(): Promise<TicketExtensionEntity[]> {
    return this.db.getRepository(TicketExtensionEntity).find({ where: { status: 'pending' }, order: { requestedAt: 'ASC', id: 'ASC' }, take: 500 });
  }

  ticketsByIds(ids: number[]): Promise<TicketEntity[]> {
    return this.db.getRepository(TicketEntity).find({ where: { id: In(ids) } });
  }

  /** Takes the ticket's row lock, so that two requests cannot both find no pending one. */
  async lockTicket(m: EntityManager, ticketId: number): Promise<void> {
    await m.query('SELECT id FROM tickets WHERE id = ? FOR UPDATE', [ticketId]);
  }

  /** Whether the ticket has a pending request, as this transaction's snapshot sees it. */
  hasPending(m: EntityManager, ticketId: number): Promise<boolean> {
    return m.getRepository(TicketExtensionEntity).exists({ where: { ticketId, status: 'pending' } });
  }

  /** Throws the duplicate-key error when the ticket has a pending request. */
  insert(m: EntityManager, e: Omit<TicketExtensionEntity, 'id'>): Promise<TicketExtensionEntity> {
    return m.getRepository(TicketExtensionEntity).save(e);
  }

  /** The ticket's pending request, locked until the caller's transaction ends. */
  pendingForUpdate(m: EntityManager, ticketId: number): Promise<TicketExtensionEntity | null> {
    return m.getRepository(TicketExtensionEntity).findOne({ where: { ticketId, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
  }

  /** False when the request was decided meanwhile. */
  async decide(m: EntityManager, id: number, status: 'approved' | 'rejected', by: number, at: Date, note: string | null): Promise<boolean> {
    const decided = await m.query("UPDATE ticket_extensions SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND status = 'pending'", [
      status,
      by,
      at,
      note,
      id,
    ]);
    return decided.affectedRows === 1;
  }

  /** The ticket's new deadline; false when its deadline or anything else on it changed meanwhile. */
  async moveDeadline(m: EntityManager, t: TicketEntity, changes: Partial<TicketEntity>): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND deadline_version = :dv AND version = :v', { id: t.id, dv: t.deadlineVersion, v: t.version })
      .execute();
    return res.affected === 1;
  }
}
