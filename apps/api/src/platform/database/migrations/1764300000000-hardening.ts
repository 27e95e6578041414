import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Production readiness (issue 7): idempotent intake (the key is written in the ticket's own transaction), refresh
 * tokens (only their SHA-256 kept, rotated, a family revoked on reuse), and the security log of sign-ins and refusals.
 */
export class Hardening1764300000000 implements MigrationInterface {
  name = 'Hardening1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_keys (
      user_id INT NOT NULL,
      idem_key VARCHAR(128) NOT NULL,
      request_hash CHAR(64) NOT NULL,
      ticket_id INT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (user_id, idem_key),
      KEY ix_idempotency_keys_created (created_at)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE refresh_tokens (
      id INT NOT NULL AUTO_INCREMENT,
      user_id INT NOT NULL,
      token_hash CHAR(64) NOT NULL,
      family CHAR(36) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      used_at DATETIME(3) NULL,
      revoked_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_refresh_tokens_hash (token_hash),
      KEY ix_refresh_tokens_family (family),
      KEY ix_refresh_tokens_user (user_id),
      CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE auth_events (
      id BIGINT NOT NULL AUTO_INCREMENT,
      at DATETIME(3) NOT NULL,
      kind VARCHAR(32) NOT NULL,
      username VARCHAR(64) NULL,
      user_id INT NULL,
      ip VARCHAR(64) NULL,
      detail VARCHAR(500) NULL,
      PRIMARY KEY (id),
      KEY ix_auth_events_at (at),
      KEY ix_auth_events_kind_at (kind, at)
    ) ${TABLE}`);
    await q.query('ALTER TABLE users ADD COLUMN password_changed_at DATETIME(3) NULL, ADD COLUMN updated_at DATETIME(3) NULL, ADD COLUMN version INT NOT NULL DEFAULT 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN version, DROP COLUMN updated_at, DROP COLUMN password_changed_at');
    await q.query('DROP TABLE auth_events');
    await q.query('DROP TABLE refresh_tokens');
    await q.query('DROP TABLE idempotency_keys');
  }
}
