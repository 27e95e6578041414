import type { AuditAction, Role, TicketStatus } from '@hotline/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FastInsert } from '../database/fast-insert';
import { TicketEventEntity } from '../tickets/ticket-event.entity';

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
@Injectable()
export class AuditTrail {
  private readonly insert: FastInsert<TicketEventEntity>;

  constructor(db: DataSource) {
    this.insert = new FastInsert(db, TicketEventEntity);
  }

  async append(m: EntityManager, lines: AuditLine[]): Promise<void> {
    await this.insert.run(m, lines.map((l) => ({ ...l, data: JSON.stringify(l.data) })));
  }
}
