import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: incidents (专项) — a crisis the centre answers as one: tickets tagged with it (one incident per ticket, a
 * column), an optional deadline for its tickets, a banner on the intake screen, temporary agent accounts expiring with
 * it (users.incident_id, users.expires_at), and its summary kept when it closes.
 */
export class Incidents1764700000100 implements MigrationInterface {
  name = 'Incidents1764700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE incidents (
      id INT NOT NULL AUTO_INCREMENT,
      name VARCHAR(100) NOT NULL,
      keywords TEXT NOT NULL,
      sla_hours DECIMAL(8,2) NULL,
      banner TEXT NULL,
      status VARCHAR(16) NOT NULL,
      started_at DATETIME(3) NOT NULL,
      expires_at DATETIME(3) NULL,
      closed_at DATETIME(3) NULL,
      created_by INT NOT NULL,
      closed_by INT NULL,
      summary MEDIUMTEXT NULL,
      version INT NOT NULL,
      PRIMARY KEY (id),
      KEY ix_incidents_status (status, started_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`ALTER TABLE tickets ADD COLUMN incident_id INT NULL,
      ADD KEY ix_tickets_incident_created (incident_id, created_at),
      ADD CONSTRAINT fk_tickets_incident FOREIGN KEY (incident_id) REFERENCES incidents (id)`);
    await q.query(`ALTER TABLE users ADD COLUMN incident_id INT NULL, ADD COLUMN expires_at DATETIME(3) NULL,
      ADD KEY ix_users_incident (incident_id), ADD KEY ix_users_expires (expires_at),
      ADD CONSTRAINT fk_users_incident FOREIGN KEY (incident_id) REFERENCES incidents (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP FOREIGN KEY fk_users_incident, DROP KEY ix_users_expires, DROP KEY ix_users_incident, DROP COLUMN expires_at, DROP COLUMN incident_id');
    await q.query('ALTER TABLE tickets DROP FOREIGN KEY fk_tickets_incident, DROP KEY ix_tickets_incident_created, DROP COLUMN incident_id');
    await q.query('DROP TABLE incidents');
  }
}
