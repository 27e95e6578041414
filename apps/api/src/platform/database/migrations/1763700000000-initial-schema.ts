import { DEPARTMENTS } from '@hotline/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Departments (seeded), users, tickets, the per-day ticket number sequence and the append-only audit trail. */
export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE departments (
      id INT NOT NULL AUTO_INCREMENT,
      code VARCHAR(32) NOT NULL,
      name VARCHAR(64) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_departments_code (code)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    const values = DEPARTMENTS.map(() => '(?, ?, ?)').join(', ');
    await q.query(
      `INSERT INTO departments (id, code, name) VALUES ${values}`,
      DEPARTMENTS.flatMap((d, i) => [i + 1, d.code, d.name]),
    );

    await q.query(`CREATE TABLE users (
      id INT NOT NULL AUTO_INCREMENT,
      username VARCHAR(64) NOT NULL,
      display_name VARCHAR(64) NOT NULL,
      role VARCHAR(16) NOT NULL,
      department_id INT NULL,
      password_hash VARCHAR(255) NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_users_username (username),
      KEY ix_users_department (department_id),
      CONSTRAINT fk_users_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT ck_users_role CHECK (role IN ('agent', 'handler', 'supervisor', 'admin')),
      CONSTRAINT ck_users_handler_department CHECK ((role = 'handler') = (department_id IS NOT NULL))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE ticket_sequences (
      day CHAR(8) NOT NULL,
      last_no INT NOT NULL,
      PRIMARY KEY (day)
    ) ENGINE=InnoDB`);

    await q.query(`CREATE TABLE tickets (
      id INT NOT NULL AUTO_INCREMENT,
      no VARCHAR(24) NOT NULL,
      status VARCHAR(16) NOT NULL,
      urgency VARCHAR(16) NOT NULL,
      category VARCHAR(16) NOT NULL,
      content TEXT NOT NULL,
      caller_name VARCHAR(64) NULL,
      caller_phone VARCHAR(20) NOT NULL,
      address VARCHAR(255) NULL,
      confidential TINYINT(1) NOT NULL DEFAULT 0,
      department_id INT NULL,
      created_by INT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      sla_started_at DATETIME(3) NOT NULL,
      due_at DATETIME(3) NOT NULL,
      deadline_version INT NOT NULL DEFAULT 1,
      sla_state VARCHAR(16) NOT NULL DEFAULT 'on_track',
      breached_at DATETIME(3) NULL,
      dispatched_at DATETIME(3) NULL,
      accepted_at DATETIME(3) NULL,
      replied_at DATETIME(3) NULL,
      closed_at DATETIME(3) NULL,
      reply TEXT NULL,
      satisfaction VARCHAR(24) NULL,
      reopen_count INT NOT NULL DEFAULT 0,
      urge_count INT NOT NULL DEFAULT 0,
      version INT NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      UNIQUE KEY uq_tickets_no (no),
      KEY ix_tickets_open_board (status, department_id, urgency, sla_state, due_at),
      KEY ix_tickets_status_due (status, due_at),
      KEY ix_tickets_department_created (department_id, created_at),
      KEY ix_tickets_created (created_at),
      KEY ix_tickets_urgency_created (urgency, created_at),
      KEY ix_tickets_phone_created (caller_phone, created_at),
      CONSTRAINT fk_tickets_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT fk_tickets_created_by FOREIGN KEY (created_by) REFERENCES users (id),
      CONSTRAINT ck_tickets_status CHECK (status IN ('registered', 'dispatched', 'accepted', 'returned', 'replied', 'closed')),
      CONSTRAINT ck_tickets_urgency CHECK (urgency IN ('extra_urgent', 'urgent', 'normal')),
      CONSTRAINT ck_tickets_sla_state CHECK (sla_state IN ('on_track', 'warning', 'breached'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE ticket_events (
      id BIGINT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      action VARCHAR(32) NOT NULL,
      from_status VARCHAR(16) NULL,
      to_status VARCHAR(16) NULL,
      actor_id INT NULL,
      actor_role VARCHAR(16) NULL,
      at DATETIME(3) NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (id),
      KEY ix_ticket_events_ticket (ticket_id, id),
      KEY ix_ticket_events_action_at (action, at),
      CONSTRAINT fk_ticket_events_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // The audit trail is append-only (过程留痕): the database itself refuses to change or remove a line.
    await q.query(`CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events is append-only'`);
    await q.query(`CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events is append-only'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS ticket_events_no_delete');
    await q.query('DROP TRIGGER IF EXISTS ticket_events_no_update');
    await q.query('DROP TABLE ticket_events');
    await q.query('DROP TABLE tickets');
    await q.query('DROP TABLE ticket_sequences');
    await q.query('DROP TABLE users');
    await q.query('DROP TABLE departments');
  }
}
