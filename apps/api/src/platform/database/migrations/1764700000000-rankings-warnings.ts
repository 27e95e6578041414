import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the ranking's weights (one versioned row: a change is a guarded update) and early warnings (预警), one per
 * subject (a department or an area), metric and period, held by a unique key so that several instances checking at
 * the same moment issue it once.
 */
export class RankingsWarnings1764700000000 implements MigrationInterface {
  name = 'RankingsWarnings1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ranking_weights (
      id TINYINT NOT NULL,
      weights TEXT NOT NULL,
      version INT NOT NULL,
      updated_at DATETIME(3) NULL,
      updated_by INT NULL,
      PRIMARY KEY (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`INSERT INTO ranking_weights (id, weights, version) VALUES (1, ?, 1)`, [
      JSON.stringify({ onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 30, returnRate: 10, repeatCallRate: 10 }),
    ]);
    await q.query(`CREATE TABLE warnings (
      id INT NOT NULL AUTO_INCREMENT,
      scope VARCHAR(16) NOT NULL,
      department_id INT NULL,
      area VARCHAR(64) NULL,
      subject VARCHAR(80) NOT NULL,
      metric VARCHAR(16) NOT NULL,
      period_kind VARCHAR(8) NOT NULL,
      period_start DATETIME(3) NOT NULL,
      current_count INT NOT NULL,
      previous_count DECIMAL(12,2) NOT NULL,
      growth DECIMAL(12,4) NULL,
      status VARCHAR(16) NOT NULL,
      issued_at DATETIME(3) NOT NULL,
      acknowledged_at DATETIME(3) NULL,
      acknowledged_by INT NULL,
      version INT NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_warnings_once (subject, metric, period_kind, period_start),
      KEY ix_warnings_status_issued (status, issued_at),
      KEY ix_warnings_department (department_id, status),
      CONSTRAINT fk_warnings_department FOREIGN KEY (department_id) REFERENCES departments (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE warnings');
    await q.query('DROP TABLE ranking_weights');
  }
}
