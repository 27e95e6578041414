import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search engine's outbox (issue 20, part 2): a ticket whose words changed, written in the same transaction as the
 * words, until SearchFeed has sent its document. Used only with SEARCH_ENGINE=opensearch; empty otherwise.
 */
export class SearchOutbox1765500000000 implements MigrationInterface {
  name = 'SearchOutbox1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_outbox (
      ticket_id INT NOT NULL PRIMARY KEY,
      queued INT UNSIGNED NOT NULL,
      queued_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE search_outbox');
  }
}
