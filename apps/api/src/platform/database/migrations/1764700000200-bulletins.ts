import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: bulletins (通报), numbered per year (2026年第12期) from a counter row, one per period, kept as issued: the
 * database refuses to change or remove one, as it does the audit trail.
 */
export class Bulletins1764700000200 implements MigrationInterface {
  name = 'Bulletins1764700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE bulletin_sequences (
      year INT NOT NULL,
      last_no INT NOT NULL,
      PRIMARY KEY (year)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE bulletins (
      id INT NOT NULL AUTO_INCREMENT,
      year INT NOT NULL,
      seq INT NOT NULL,
      no VARCHAR(32) NOT NULL,
      period_kind VARCHAR(8) NOT NULL,
      period_from DATETIME(3) NOT NULL,
      period_to DATETIME(3) NOT NULL,
      issued_at DATETIME(3) NOT NULL,
      issued_by INT NOT NULL,
      content MEDIUMTEXT NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_bulletins_no (year, seq),
      UNIQUE KEY uq_bulletins_period (period_kind, period_from),
      KEY ix_bulletins_issued (issued_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TRIGGER bulletins_no_update BEFORE UPDATE ON bulletins FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an issued bulletin never changes'`);
    await q.query(`CREATE TRIGGER bulletins_no_delete BEFORE DELETE ON bulletins FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an issued bulletin never changes'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS bulletins_no_delete');
    await q.query('DROP TRIGGER IF EXISTS bulletins_no_update');
    await q.query('DROP TABLE bulletins');
    await q.query('DROP TABLE bulletin_sequences');
  }
}
