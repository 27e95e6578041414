import type { AuditAction, Role, TicketStatus } from '@hotline/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FastInsert } from '../database/fast-insert';
import { auditTexts } from '../../casework/search/ticket-terms';
import { indexTicketTexts } from '../../casework/search/search-feed';
import { EnvDto } from '../config/env.dto';
import { TicketEventEntity } from '../../casework/tickets/ticket-event.entity';

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

/**
 * Appends lines to the audit trail inside the caller's transaction. The free texts a line carries (notes, reasons,
 * replies) go into the ticket's search terms (and the search engine's outbox) in the same transaction: every change of
 * a ticket's words passes here.
 */
@Injectable()
export class AuditTrail {
  private readonly insert: FastInsert<TicketEventEntity>;

  constructor(
    db: DataSource,
    private readonly env: EnvDto,
  ) {
    this.insert = new FastInsert(db, TicketEventEntity);
  }

  async append(m: EntityManager, lines: AuditLine[]): Promise<void> {
    await this.insert.run(
      m,
      lines.map((l) => ({ ...l, data: JSON.stringify(l.data) })),
    );
    const texts = lines.map((l) => ({ ticketId: l.ticketId, texts: { words: auditTexts(l.data) } })).filter((l) => l.texts.words.length);
    if (texts.length) await indexTicketTexts(m, this.env, texts);
  }
}
