import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the wallboard and the reports read: tickets touched since a moment (the KPI cohorts of a day or week are
 * all among them), and the link a merged repeat call (重复件) keeps to the ticket it repeats.
 */
export class Wallboard1763900000000 implements MigrationInterface {
  name = 'Wallboard1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      ADD COLUMN duplicate_of_id INT NULL,
      ADD KEY ix_tickets_updated (updated_at),
      ADD CONSTRAINT fk_tickets_duplicate_of FOREIGN KEY (duplicate_of_id) REFERENCES tickets (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP FOREIGN KEY fk_tickets_duplicate_of');
    await q.query('ALTER TABLE tickets DROP KEY ix_tickets_updated, DROP KEY fk_tickets_duplicate_of, DROP COLUMN duplicate_of_id');
  }
}
