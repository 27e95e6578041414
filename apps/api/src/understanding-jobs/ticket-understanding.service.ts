import { Injectable } from '@nestjs/common';
import type { TicketUnderstoodPayload } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { Hotspots } from '../hotspots/hotspots.service';
import { LiveEvents } from '../realtime/live-events.service';
import { RepeatCalls } from '../repeats/repeat-calls.service';
import { TERMS_COLUMN, TERMS_JOIN, TicketTerms } from './ticket-terms.repository';

interface TicketRow {
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
 * What the service understands of a ticket once it is registered: its words (cut once and kept), the earlier tickets
 * it may repeat, and the hotspot it raises or joins. The result goes live to the agent who registered it
 * (`ticket.understood`). Running it twice is harmless: the candidates are read only, joining a hotspot is keyed by
 * the ticket, and the words are kept once.
 */
@Injectable()
export class TicketUnderstanding {
  constructor(
    private readonly db: DataSource,
    private readonly terms: TicketTerms,
    private readonly repeats: RepeatCalls,
    private readonly hotspots: Hotspots,
    private readonly live: LiveEvents,
  ) {}

  /** Null when the ticket is gone. */
  async understand(ticketId: number): Promise<TicketUnderstoodPayload | null> {
    const [t]: TicketRow[] = await this.db.query(
      `SELECT t.id, t.no, t.content, t.caller_phone, t.address, t.area_key, t.created_at, t.created_by, ${TERMS_COLUMN} FROM tickets t ${TERMS_JOIN} WHERE t.id = ?`,
      [ticketId],
    );
    if (!t) return null;
    const words = TicketTerms.of(t);
    const createdAt = new Date(t.created_at);
    const [possibleDuplicates, hotspotId] = await Promise.all([
      this.repeats.candidates({ callerPhone: t.caller_phone, content: t.content, address: t.address, excludeId: ticketId, now: createdAt, words }),
      this.hotspots.consider({ id: ticketId, areaKey: t.area_key, content: t.content, createdAt, words }),
    ]);
    // kept last: the row also marks the ticket understood, so a failure above leaves it to the retry or the sweep
    if (!t.terms) await this.terms.save(ticketId, words);
    const payload: TicketUnderstoodPayload = {
      ticketId,
      no: t.no,
      possibleDuplicates,
      hotspotId,
      hotspot: hotspotId ? await this.hotspots.summary(hotspotId) : null,
      at: new Date().toISOString(),
    };
    if (t.created_by !== null) await this.live.publishToUser(Number(t.created_by), 'ticket.understood', payload);
    return payload;
  }

  /** Recent tickets not understood yet (their job was lost), oldest first, registered between `from` and `to`. */
  async notUnderstood(from: Date, to: Date, limit = 1000): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.db.query(
      `SELECT t.id FROM tickets t ${TERMS_JOIN} WHERE t.created_at >= ? AND t.created_at < ? AND tt.ticket_id IS NULL ORDER BY t.created_at LIMIT ${Number(limit)}`,
      [from, to],
    );
    return rows.map((r) => Number(r.id));
  }
}
