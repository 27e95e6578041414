import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, the ranking within 2 s at 1,000,000 tickets.
 *
 * 1. Callbacks by the department holding the ticket now, without a join. A callback (回访) counts for the department
 *    that holds its ticket now (libs/domain kpi.ts computeKpisByDepartment); the count joined each callback line of the
 *    period to its ticket (55 % of a cold month's ranking). The trail cannot carry that department: ticket_events is
 *    append-only (triggers refuse UPDATE, 一案一档), and department_ref is a virtual column of each line's own data. So
 *    `ticket_callbacks` holds one row per callback line (its id, ticket, moment, whether it closed the ticket) with the
 *    department holding the ticket now, kept by two triggers in the very statement that changes either side:
 *    - after a callback line is inserted: its row, with the ticket's department at that moment;
 *    - after a ticket's department_id changes (改派, a dispatch after a return, a return, or any other UPDATE): its
 *      rows re-pointed to the new department (NULL while nobody holds it, as the join gave).
 *    Triggers rather than application code: every path that writes either table (the actions, imports, fixtures, a
 *    hand-run UPDATE) keeps the rule, in its own transaction. The count is then a range of
 *    ix_ticket_callbacks_department_at (department, at, satisfied) per department: index only, no join (the reports, all
 *    departments at once: ix_ticket_callbacks_at).
 *    Existing callback lines are copied with their ticket's department now (INSERT IGNORE: a line the trigger wrote
 *    meanwhile is not copied twice).
 * 2. 积案清零率 per department and period (kpi-aggregates.ts BACKLOG): the tickets open at the period's start or closed
 *    since, with what decides their 积案 entry (registration, backlog_since), in department order.
 */
export class CallbackHolders1765300000000 implements MigrationInterface {
  name = 'CallbackHolders1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_callbacks (
      event_id BIGINT NOT NULL,
      ticket_id INT NOT NULL,
      department_id INT NULL,
      at DATETIME(3) NOT NULL,
      satisfied TINYINT NOT NULL,
      PRIMARY KEY (event_id),
      KEY ix_ticket_callbacks_ticket (ticket_id),
      KEY ix_ticket_callbacks_department_at (department_id, at, satisfied),
      KEY ix_ticket_callbacks_at (at, department_id, satisfied)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // satisfied: the callback closed the ticket (to_status 'closed'), as the 满意率 counts it
    await q.query(`CREATE TRIGGER ticket_events_callback_holder AFTER INSERT ON ticket_events FOR EACH ROW
      INSERT INTO ticket_callbacks (event_id, ticket_id, department_id, at, satisfied)
      SELECT NEW.id, t.id, t.department_id, NEW.at, IF(NEW.to_status <=> 'closed', 1, 0) FROM tickets t
      WHERE NEW.action = 'callback' AND t.id = NEW.ticket_id`);
    await q.query(`CREATE TRIGGER tickets_callback_holders AFTER UPDATE ON tickets FOR EACH ROW
      UPDATE ticket_callbacks SET department_id = NEW.department_id
      WHERE ticket_id = NEW.id AND NOT (NEW.department_id <=> OLD.department_id)`);
    await q.query(`INSERT IGNORE INTO ticket_callbacks (event_id, ticket_id, department_id, at, satisfied)
      SELECT e.id, e.ticket_id, t.department_id, e.at, IF(e.to_status <=> 'closed', 1, 0)
      FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.action = 'callback'`);
    await q.query(`ALTER TABLE tickets ADD KEY ix_tickets_department_backlog (department_id, closed_at, created_at, backlog_since),
      ALGORITHM=INPLACE, LOCK=NONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP KEY ix_tickets_department_backlog');
    await q.query('DROP TRIGGER IF EXISTS tickets_callback_holders');
    await q.query('DROP TRIGGER IF EXISTS ticket_events_callback_holder');
    await q.query('DROP TABLE ticket_callbacks');
  }
}
