import type { AuditAction, Role, TicketStatus } from '@hotline/contracts';
import type { EntityManager } from 'typeorm';
import { TicketEventEntity } from './ticket-event.entity';

export interface AuditLine {
  ticketId: number;
  action: AuditAction;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  actorId: number | null;
  actorRole: Role | 'system';
  at: Date;
  data: Record<string, unknown>;
}

/** Appends lines to the audit trail inside the caller's transaction. */
export async function appendAudit(m: EntityManager, lines: AuditLine[]): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(TicketEventEntity)
    .values(lines.map((l) => ({ ...l, data: JSON.stringify(l.data) })))
    .updateEntity(false)
    .execute();
}
