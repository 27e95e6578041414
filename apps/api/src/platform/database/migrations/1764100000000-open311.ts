import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hashPassword } from '../../../access/auth/password';

/**
 * Open311 GeoReport v2: partner apps' API keys (only their SHA-256 is kept), where a ticket came from and where the
 * problem is, and the account Open311 requests are registered under (inactive, with a password nobody knows).
 */
export class Open3111764100000000 implements MigrationInterface {
  name = 'Open3111764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE open311_keys (
      id INT NOT NULL AUTO_INCREMENT,
      name VARCHAR(64) NOT NULL,
      key_hash CHAR(64) NOT NULL,
      created_by INT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_open311_keys_hash (key_hash),
      CONSTRAINT fk_open311_keys_user FOREIGN KEY (created_by) REFERENCES users (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`ALTER TABLE tickets
      ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'phone',
      ADD COLUMN lat DECIMAL(9,6) NULL,
      ADD COLUMN lng DECIMAL(9,6) NULL,
      ADD COLUMN open311_key_id INT NULL,
      ADD KEY ix_tickets_source_created (source, created_at),
      ADD CONSTRAINT fk_tickets_open311_key FOREIGN KEY (open311_key_id) REFERENCES open311_keys (id)`);
    // inactive, and its password is random and thrown away: nobody can sign in with it
    await q.query(
      `INSERT INTO users (username, display_name, role, department_id, password_hash, active, created_at)
       VALUES ('open311', 'Open311 接口', 'agent', NULL, ?, 0, UTC_TIMESTAMP(3))`,
      [await hashPassword(randomBytes(32).toString('hex'))],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP FOREIGN KEY fk_tickets_open311_key');
    await q.query(
      'ALTER TABLE tickets DROP KEY ix_tickets_source_created, DROP KEY fk_tickets_open311_key, DROP COLUMN open311_key_id, DROP COLUMN lng, DROP COLUMN lat, DROP COLUMN source',
    );
    await q.query('DROP TABLE open311_keys');
    await q.query("DELETE FROM users WHERE username = 'open311'");
  }
}
