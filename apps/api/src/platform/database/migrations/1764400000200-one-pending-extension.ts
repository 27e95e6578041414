import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, finding 9: five extension requests at once made four pending ones (each transaction's snapshot saw none).
 * The database now holds the rule: a generated column carries the ticket id while a request is pending (NULL
 * otherwise, and NULLs do not collide), under a unique key. Pending duplicates left by the race are rejected first,
 * keeping the earliest.
 */
export class OnePendingExtension1764400000200 implements MigrationInterface {
  name = 'OnePendingExtension1764400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE ticket_extensions e JOIN ticket_extensions first
                      ON first.ticket_id = e.ticket_id AND first.status = 'pending' AND first.id < e.id
                     SET e.status = 'rejected', e.decided_at = NOW(3), e.decision_note = 'duplicate pending request (issue 16)'
                   WHERE e.status = 'pending'`);
    await q.query(`ALTER TABLE ticket_extensions
                     ADD COLUMN pending_ticket_id INT AS (IF(status = 'pending', ticket_id, NULL)) STORED,
                     ADD UNIQUE KEY uq_ticket_extensions_one_pending (pending_ticket_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ticket_extensions DROP KEY uq_ticket_extensions_one_pending, DROP COLUMN pending_ticket_id');
  }
}
