import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, finding 3: access tokens carry the user's session generation; raising it (deactivation, a new password,
 * role or department) ends every session made before, within a second instead of at the token's expiry.
 */
export class SessionGeneration1764400000100 implements MigrationInterface {
  name = 'SessionGeneration1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN session_generation INT NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN session_generation');
  }
}
