import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA policies per urgency (editable), business calendars, the timer bookkeeping on tickets,
 * escalations (督办) and extension requests (延期).
 */
export class SlaEngine1763800000000 implements MigrationInterface {
  name = 'SlaEngine1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE business_calendars (
      id INT NOT NULL AUTO_INCREMENT,
      name VARCHAR(64) NOT NULL,
      definition TEXT NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_business_calendars_name (name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE sla_policies (
      urgency VARCHAR(16) NOT NULL,
      resolution_hours DECIMAL(9,4) NOT NULL,
      warning_ratio DECIMAL(5,4) NOT NULL,
      accept_limit_hours DECIMAL(9,4) NOT NULL,
      calendar_id INT NULL,
      updated_at DATETIME(3) NOT NULL,
      updated_by INT NULL,
      PRIMARY KEY (urgency),
      CONSTRAINT fk_sla_policies_calendar FOREIGN KEY (calendar_id) REFERENCES business_calendars (id),
      CONSTRAINT ck_sla_policies_urgency CHECK (urgency IN ('extra_urgent', 'urgent', 'normal')),
      CONSTRAINT ck_sla_policies_ratio CHECK (warning_ratio > 0 AND warning_ratio < 1)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`INSERT INTO sla_policies (urgency, resolution_hours, warning_ratio, accept_limit_hours, calendar_id, updated_at) VALUES
      ('extra_urgent', 2, 0.75, 0.25, NULL, UTC_TIMESTAMP(3)),
      ('urgent', 4, 0.75, 0.5, NULL, UTC_TIMESTAMP(3)),
      ('normal', 12, 0.75, 2, NULL, UTC_TIMESTAMP(3))`);

    // What the clock was armed with, recorded on the ticket so that policy changes never move it.
    await q.query(`ALTER TABLE tickets
      ADD COLUMN warn_at DATETIME(3) NULL AFTER due_at,
      ADD COLUMN warned_at DATETIME(3) NULL AFTER warn_at,
      ADD COLUMN accept_due_at DATETIME(3) NULL AFTER dispatched_at,
      ADD COLUMN accept_overdue_at DATETIME(3) NULL AFTER accept_due_at,
      ADD COLUMN dispatch_count INT NOT NULL DEFAULT 0 AFTER accept_overdue_at,
      ADD COLUMN sla_calendar_id INT NULL AFTER deadline_version,
      ADD KEY ix_tickets_status_warn (status, warned_at, warn_at),
      ADD KEY ix_tickets_status_accept_due (status, accept_due_at)`);
    await q.query('UPDATE tickets SET warn_at = DATE_ADD(sla_started_at, INTERVAL ROUND(TIMESTAMPDIFF(MICROSECOND, sla_started_at, due_at) * 0.75) MICROSECOND)');
    await q.query('ALTER TABLE tickets MODIFY warn_at DATETIME(3) NOT NULL');

    await q.query(`CREATE TABLE escalations (
      id INT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      deadline_version INT NOT NULL,
      kind VARCHAR(24) NOT NULL,
      assignee_role VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_escalations_once (ticket_id, deadline_version, kind),
      KEY ix_escalations_status_created (status, created_at),
      CONSTRAINT fk_escalations_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE ticket_extensions (
      id INT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      deadline_version INT NOT NULL,
      requested_by INT NOT NULL,
      requested_at DATETIME(3) NOT NULL,
      hours DECIMAL(9,4) NOT NULL,
      reason VARCHAR(1000) NOT NULL,
      status VARCHAR(16) NOT NULL,
      decided_by INT NULL,
      decided_at DATETIME(3) NULL,
      decision_note VARCHAR(1000) NULL,
      PRIMARY KEY (id),
      KEY ix_ticket_extensions_ticket (ticket_id, id),
      KEY ix_ticket_extensions_status (status, requested_at),
      CONSTRAINT fk_ticket_extensions_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ticket_extensions');
    await q.query('DROP TABLE escalations');
    await q.query(`ALTER TABLE tickets DROP KEY ix_tickets_status_accept_due, DROP KEY ix_tickets_status_warn,
      DROP COLUMN sla_calendar_id, DROP COLUMN dispatch_count, DROP COLUMN accept_overdue_at, DROP COLUMN accept_due_at,
      DROP COLUMN warned_at, DROP COLUMN warn_at`);
    await q.query('DROP TABLE sla_policies');
    await q.query('DROP TABLE business_calendars');
  }
}
