import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Understanding after commit (issue 19): a ticket's words are cut once, after it is registered, and kept, so that
 * repeat-call and hotspot comparisons read them instead of cutting the history again. The row is also the mark that
 * the ticket was understood: the worker's sweep re-queues recent tickets without one (a job Redis lost).
 */
export class TicketTerms1765000000000 implements MigrationInterface {
  name = 'TicketTerms1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_words (
      ticket_id INT NOT NULL,
      terms TEXT NOT NULL,
      understood_at DATETIME(3) NOT NULL,
      PRIMARY KEY (ticket_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ticket_words');
  }
}
