import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addTicketTerms, auditTexts } from '../../../casework/search/ticket-terms';

const BATCH = 1000;

/**
 * Years of tickets (issue 20).
 * - ticket_terms: the product's own Chinese search index (bigrams and whole words of a ticket's content, address,
 *   number, reply and notes; its caller's name apart), read by primary key. MariaDB has no CJK full-text parser and
 *   Mroonga's storage engine is not transactional, so the same table serves MariaDB and MySQL 8 and is written in
 *   the ticket's own transactions (docs/operations.md). Existing tickets are indexed here, a batch at a time.
 * - one index per list filter, ending (implicitly, InnoDB appends the primary key) in id: lists are read newest
 *   registered first by id with keyset cursors, so each filter's page is an index read however deep.
 * - caller history: the caller's tickets by id, and the open ones by (phone, status).
 */
export class SearchAndLists1764800000000 implements MigrationInterface {
  name = 'SearchAndLists1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_terms (
      term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      ticket_id INT NOT NULL,
      src TINYINT NOT NULL,
      PRIMARY KEY (term, ticket_id),
      KEY ix_ticket_terms_ticket (ticket_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`ALTER TABLE tickets
      ADD KEY ix_tickets_status (status),
      ADD KEY ix_tickets_sla_state (sla_state),
      ADD KEY ix_tickets_urgency (urgency),
      ADD KEY ix_tickets_department (department_id),
      ADD KEY ix_tickets_department_status (department_id, status),
      ADD KEY ix_tickets_department_sla_state (department_id, sla_state),
      ADD KEY ix_tickets_phone (caller_phone),
      ADD KEY ix_tickets_phone_status (caller_phone, status)`);
    for (let from = 0; ;) {
      const tickets: Array<{ id: number; no: string; content: string; address: string | null; reply: string | null; caller_name: string | null }> = await q.query(
        'SELECT id, no, content, address, reply, caller_name FROM tickets WHERE id > ? ORDER BY id LIMIT ?',
        [from, BATCH],
      );
      if (!tickets.length) break;
      const last = Number(tickets[tickets.length - 1].id);
      const events: Array<{ ticket_id: number; data: string | Record<string, unknown> }> = await q.query(
        'SELECT ticket_id, data FROM ticket_events WHERE ticket_id > ? AND ticket_id <= ?',
        [from, last],
      );
      const notes = new Map<number, string[]>();
      for (const e of events) {
        const data = typeof e.data === 'string' ? (JSON.parse(e.data) as Record<string, unknown>) : (e.data ?? {});
        notes.set(Number(e.ticket_id), [...(notes.get(Number(e.ticket_id)) ?? []), ...auditTexts(data)]);
      }
      await addTicketTerms(
        q,
        tickets.map((t) => ({ ticketId: Number(t.id), texts: { words: [t.no, t.content, t.address, t.reply, ...(notes.get(Number(t.id)) ?? [])], callerName: t.caller_name } })),
      );
      from = last;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets DROP KEY ix_tickets_phone_status, DROP KEY ix_tickets_phone, DROP KEY ix_tickets_department_sla_state,
      DROP KEY ix_tickets_department_status, DROP KEY ix_tickets_department, DROP KEY ix_tickets_urgency, DROP KEY ix_tickets_sla_state, DROP KEY ix_tickets_status`);
    await q.query('DROP TABLE ticket_terms');
  }
}
