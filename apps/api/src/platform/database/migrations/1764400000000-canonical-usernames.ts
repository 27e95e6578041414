import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, finding 1: usernames compared under utf8mb4_unicode_ci let "SUPERVISOR ", "supervisör" and full-width
 * spellings reach one account, each with a failure counter of its own. Names are now stored in their canonical form
 * (NFKC, trimmed, lower case: the API canonicalises at creation and at sign-in) and compared byte for byte.
 * Earlier names were limited to ASCII letters, digits, _ . -, so lower-casing and trimming is their canonical form;
 * the old case- and pad-insensitive unique key guarantees that no two of them collide.
 */
export class CanonicalUsernames1764400000000 implements MigrationInterface {
  name = 'CanonicalUsernames1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('UPDATE users SET username = LOWER(TRIM(username)) WHERE username <> BINARY LOWER(TRIM(username))');
    await q.query('ALTER TABLE users MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL');
  }
}
