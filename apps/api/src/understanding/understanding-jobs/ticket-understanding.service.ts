import { Injectable } from '@nestjs/common';
import type { TicketUnderstoodPayload } from '@hotline/contracts';
import { Hotspots } from '../hotspots/hotspots.service';
import { LiveEvents } from '../../live/realtime/live-events.service';
import { RepeatCalls } from '../../casework/repeats/repeat-calls.service';
import { TicketsRepository } from '../../casework/tickets/tickets.repository';
import { TicketTerms } from './ticket-terms.repository';

/**
 * What the service understands of a ticket once it is registered: its words (cut once and kept), the earlier tickets
 * it may repeat, and the hotspot it raises or joins. The result goes live to the agent who registered it
 * (`ticket.understood`). Running it twice is harmless: the candidates are read only, joining a hotspot is keyed by
 * the ticket, and the words are kept once.
 */
@Injectable()
export class TicketUnderstanding {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly terms: TicketTerms,
    private readonly repeats: RepeatCalls,
    private readonly hotspots: Hotspots,
    private readonly live: LiveEvents,
  ) {}

  /** Null when the ticket is gone. */
  async understand(ticketId: number): Promise<TicketUnderstoodPayload | null> {
    const t = await this.tickets.forUnderstanding(ticketId);
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
  notUnderstood(from: Date, to: Date, limit = 1000): Promise<number[]> {
    return this.tickets.notUnderstood(from, to, limit);
  }
}
