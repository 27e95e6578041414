import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Supervision and accountability (issue 14): a ticket's tracker (跟踪人), owning leader (包案) and its history counts
 * (breaches and warnings over its whole life, redirects); supervision orders (督办单) with their own deadlines,
 * one open order per kind per ticket held by a unique key on a generated column (NULL once closed); follow-ups and
 * leaders' instructions; the `leader` role. The old breach list (escalations) becomes breach orders, one per ticket,
 * and is no longer written.
 */
export class Supervision1765000000100 implements MigrationInterface {
  name = 'Supervision1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN ('agent', 'handler', 'supervisor', 'admin', 'leader'))`);

    await q.query(`ALTER TABLE tickets
      ADD COLUMN tracker_id INT NULL,
      ADD COLUMN leader_id INT NULL,
      ADD COLUMN breach_count INT NOT NULL DEFAULT 0,
      ADD COLUMN warning_count INT NOT NULL DEFAULT 0,
      ADD COLUMN redirect_count INT NOT NULL DEFAULT 0,
      ADD COLUMN follow_up_due_at DATETIME(3) NULL,
      ADD COLUMN follow_up_version INT NOT NULL DEFAULT 0,
      ADD COLUMN follow_up_missed_at DATETIME(3) NULL,
      ADD COLUMN backlog_since DATETIME(3) NULL,
      ADD KEY ix_tickets_tracker (tracker_id, status),
      ADD KEY ix_tickets_leader (leader_id, status),
      ADD KEY ix_tickets_follow_up_due (status, follow_up_due_at)`);
    // the history so far, from the audit trail
    await q.query(`UPDATE tickets t JOIN (SELECT ticket_id, SUM(action = 'sla_breached') AS b, SUM(action = 'sla_warning') AS w
                                             FROM ticket_events WHERE action IN ('sla_breached', 'sla_warning') GROUP BY ticket_id) h
                      ON h.ticket_id = t.id
                     SET t.breach_count = h.b, t.warning_count = h.w`);

    await q.query(`ALTER TABLE sla_policies
      ADD COLUMN follow_up_minutes DECIMAL(9,4) NOT NULL DEFAULT 30,
      ADD COLUMN supervision_hours DECIMAL(9,4) NOT NULL DEFAULT 2`);
    await q.query(`UPDATE sla_policies SET follow_up_minutes = CASE urgency WHEN 'extra_urgent' THEN 30 WHEN 'urgent' THEN 60 ELSE 240 END,
                                           supervision_hours = CASE urgency WHEN 'extra_urgent' THEN 1 WHEN 'urgent' THEN 2 ELSE 4 END`);

    await q.query(`CREATE TABLE supervisions (
      id INT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      department_id INT NULL,
      kind VARCHAR(24) NOT NULL,
      level VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      open_kind VARCHAR(24) AS (IF(status <> 'closed', kind, NULL)) STORED,
      due_at DATETIME(3) NOT NULL,
      deadline_version INT NOT NULL DEFAULT 1,
      calendar_id INT NULL,
      note VARCHAR(1000) NULL,
      response VARCHAR(5000) NULL,
      close_note VARCHAR(1000) NULL,
      created_by INT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      responded_by INT NULL,
      responded_at DATETIME(3) NULL,
      closed_by INT NULL,
      closed_at DATETIME(3) NULL,
      escalated_at DATETIME(3) NULL,
      overdue_at DATETIME(3) NULL,
      version INT NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      UNIQUE KEY uq_supervisions_one_open (ticket_id, open_kind),
      KEY ix_supervisions_status_due (status, due_at),
      KEY ix_supervisions_department (department_id, status),
      CONSTRAINT ck_supervisions_kind CHECK (kind IN ('manual', 'breach', 'dissatisfaction')),
      CONSTRAINT ck_supervisions_level CHECK (level IN ('centre', 'leader')),
      CONSTRAINT ck_supervisions_status CHECK (status IN ('open', 'responded', 'closed')),
      CONSTRAINT fk_supervisions_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ${TABLE}`);
    // the old breach list: one breach order per ticket (it listed a ticket once per deadline), answered by a reply,
    // closed with the ticket
    await q.query(`INSERT INTO supervisions (ticket_id, department_id, kind, level, status, due_at, note, response, created_by, created_at,
                                             responded_at, closed_by, closed_at, close_note)
      SELECT t.id, t.department_id, 'breach', 'centre',
             CASE WHEN t.status = 'closed' THEN 'closed' WHEN t.status = 'replied' THEN 'responded' ELSE 'open' END,
             e.first_at, '超期自动督办（迁移自旧督办列表）', IF(t.status IN ('replied', 'closed'), t.reply, NULL),
             (SELECT id FROM users WHERE username = 'system'), e.first_at,
             IF(t.status IN ('replied', 'closed'), t.replied_at, NULL),
             IF(t.status = 'closed', (SELECT id FROM users WHERE username = 'system'), NULL),
             IF(t.status = 'closed', t.closed_at, NULL), IF(t.status = 'closed', '工单已办结', NULL)
        FROM (SELECT ticket_id, MIN(created_at) AS first_at FROM escalations GROUP BY ticket_id) e
        JOIN tickets t ON t.id = e.ticket_id`);

    await q.query(`CREATE TABLE follow_ups (
      id INT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      user_id INT NOT NULL,
      contact VARCHAR(16) NOT NULL,
      note VARCHAR(1000) NOT NULL,
      at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_follow_ups_ticket (ticket_id, id),
      CONSTRAINT ck_follow_ups_contact CHECK (contact IN ('department', 'citizen')),
      CONSTRAINT fk_follow_ups_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE instructions (
      id INT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      user_id INT NOT NULL,
      text VARCHAR(2000) NOT NULL,
      at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_instructions_ticket (ticket_id, id),
      CONSTRAINT fk_instructions_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE instructions');
    await q.query('DROP TABLE follow_ups');
    await q.query('DROP TABLE supervisions');
    await q.query('ALTER TABLE sla_policies DROP COLUMN supervision_hours, DROP COLUMN follow_up_minutes');
    await q.query(`ALTER TABLE tickets DROP KEY ix_tickets_follow_up_due, DROP KEY ix_tickets_leader, DROP KEY ix_tickets_tracker,
      DROP COLUMN backlog_since, DROP COLUMN follow_up_missed_at, DROP COLUMN follow_up_version, DROP COLUMN follow_up_due_at,
      DROP COLUMN redirect_count, DROP COLUMN warning_count, DROP COLUMN breach_count, DROP COLUMN leader_id, DROP COLUMN tracker_id`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN ('agent', 'handler', 'supervisor', 'admin'))`);
  }
}
