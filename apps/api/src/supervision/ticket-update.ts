import { concurrentChange } from '../http/api-error';
import type { EntityManager } from 'typeorm';
import { TicketEntity } from '../tickets/ticket.entity';

/**
 * A change to a ticket that leaves its status as it is (a tracker, a leader, a follow-up's next due time): the same
 * guarded UPDATE as a transition (id, status and version in the WHERE clause, the affected count checked), so that a
 * concurrent change makes it a 409 rather than a lost update.
 */
export async function updateTicketGuarded(m: EntityManager, t: TicketEntity, changes: Partial<TicketEntity>, now: Date): Promise<TicketEntity> {
  const res = await m
    .createQueryBuilder()
    .update(TicketEntity)
    .set({ ...changes, updatedAt: now, version: () => 'version + 1' })
    .where('id = :id AND status = :status AND version = :version', { id: t.id, status: t.status, version: t.version })
    .execute();
  if (res.affected !== 1) throw concurrentChange(`ticket ${t.no} changed while you acted; reload and try again`);
  return Object.assign(t, changes, { updatedAt: now, version: t.version + 1 });
}

/**
 * Takes the ticket's row lock first. Everything that changes a ticket and its orders locks in that order (the ticket,
 * then its orders): a transition holds the ticket's row from its guarded UPDATE on, so an order change that locked the
 * order first and the ticket second (its audit line's foreign key) deadlocked with a reply answering the same order.
 */
export async function lockTicket(m: EntityManager, ticketId: number): Promise<void> {
  await m.query('SELECT id FROM tickets WHERE id = ? FOR UPDATE', [ticketId]);
}
