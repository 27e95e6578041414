import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311 conformance (issue 16): a request's photo (media_url) and its place in the jurisdiction's address register
 * (address_id) are kept on the ticket, so that the department sees them and GeoReport v2 answers them back.
 */
export class Open311Media1764450000000 implements MigrationInterface {
  name = 'Open311Media1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets ADD COLUMN media_url VARCHAR(1024) NULL, ADD COLUMN address_id VARCHAR(64) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP COLUMN address_id, DROP COLUMN media_url');
  }
}
