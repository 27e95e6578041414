import { concurrentChange } from '../platform/http/api-error';
import type { EntityManager } from 'typeorm';
import type { TicketEntity } from '../casework/tickets/ticket.entity';
import type { TicketsRepository } from '../casework/tickets/tickets.repository';

/**
 * A change to a ticket that leaves its status as it is (a tracker, a leader, a follow-up's next due time): the same
 * guarded UPDATE as a transition (id, status and version in the WHERE clause, the affected count checked), so that a
 * concurrent change makes it a 409 rather than a lost update. Take the ticket's row lock first (TicketsRepository.lock).
 */
export async function updateTicketGuarded(tickets: TicketsRepository, m: EntityManager, t: TicketEntity, changes: Partial<TicketEntity>, now: Date): Promise<TicketEntity> {
  if (!(await tickets.updateGuarded(m, t, { ...changes, updatedAt: now }))) throw concurrentChange(`ticket ${t.no} changed while you acted; reload and try again`);
  return Object.assign(t, changes, { updatedAt: now, version: t.version + 1 });
}
