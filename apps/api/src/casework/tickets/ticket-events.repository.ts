import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

type Json = string | Record<string, unknown>;

/**
 * The SQL of `ticket_events` (the audit trail; AuditTrail appends to it, a ticket's trail is read through the TypeORM
 * repository of TicketEventEntity): the history the routing models learn from, newest first.
 */
@Injectable()
export class TicketEventsRepository {
  /** Against a department: its returns (退单), and the centre moving a ticket away from it (改派, `data.from`). */
  departmentLeavings(m: EntityManager, limit: number): Promise<Array<{ content: string; category: string; action: string; data: Json }>> {
    return m.query(
      `SELECT t.content, t.category, e.action, e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.action IN ('return', 'redirect') ORDER BY e.id DESC LIMIT ?`,
      [limit],
    );
  }

  /** Each dispatch, with what the service suggested at registration (the `create` line's data). */
  dispatchesWithSuggestions(m: EntityManager, limit: number): Promise<Array<{ content: string; category: string; dispatch: Json; created: Json }>> {
    return m.query(
      `SELECT t.content, t.category, d.data AS dispatch, c.data AS created FROM ticket_events d
       JOIN tickets t ON t.id = d.ticket_id
       JOIN ticket_events c ON c.ticket_id = d.ticket_id AND c.action = 'create'
       WHERE d.action = 'dispatch' ORDER BY d.id DESC LIMIT ?`,
      [limit],
    );
  }

  /** Urgencies from history: each registration's line and every reclassification. */
  urgencyLines(m: EntityManager, limit: number): Promise<Array<{ content: string; action: string; data: Json }>> {
    return m.query(
      `SELECT t.content, e.action, e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.action = 'reclassify' OR (e.action = 'create' AND t.urgency IS NOT NULL) ORDER BY e.id DESC LIMIT ?`,
      [limit],
    );
  }
}
