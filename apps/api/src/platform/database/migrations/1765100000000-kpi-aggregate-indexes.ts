import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the ranking's figures are counted by MySQL per department (apps/api/src/live/kpis/kpi-aggregates.ts), one
 * statement per cohort of the KPI formulas. Each gets an index that answers it alone, without touching a table row
 * (the rows of 1,000,000 tickets do not fit the default 128 MiB buffer pool; reading them took 23 s):
 * - tickets: department first, then the cohort's moment, then what its predicates read. The department first makes
 *   the GROUP BY stream in index order (no temporary table: 0.6 s instead of 1-1.5 s a million rows here).
 *   ix_tickets_department_created is widened in place (its users read a prefix of it).
 * - uq_tickets_id_department: a callback counts for the department holding its ticket now, a join per callback;
 *   through this narrow copy of id -> department (20 MB a million) rather than the clustered rows (5.7 s -> 1.2 s).
 * - ticket_events: ix_ticket_events_action_at widened with what the callbacks read (ticket, status); the department
 *   of a dispatch or return line is in its JSON data, so an invisible virtual column extracts it (nothing is stored
 *   or rewritten in the append-only trail) for an index in department order. JSON_VALID keeps an odd line insertable.
 */
export class KpiAggregateIndexes1765100000000 implements MigrationInterface {
  name = 'KpiAggregateIndexes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      DROP KEY ix_tickets_department_created,
      ADD KEY ix_tickets_department_created (department_id, created_at, closed_at, dispatch_count, duplicate_of_id),
      ADD KEY ix_tickets_department_closed (department_id, closed_at),
      ADD KEY ix_tickets_department_dispatched (department_id, dispatched_at, accepted_at, accept_due_at),
      ADD KEY ix_tickets_department_replied (department_id, replied_at, due_at, dispatch_count, status, breach_count),
      ADD UNIQUE KEY uq_tickets_id_department (id, department_id)`);
    await q.query(`ALTER TABLE ticket_events
      ADD COLUMN department_ref VARCHAR(32) GENERATED ALWAYS AS (
        CASE WHEN action IN ('dispatch', 'return') AND JSON_VALID(data) THEN LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.departmentId')), 32) END
      ) VIRTUAL INVISIBLE`);
    await q.query(`ALTER TABLE ticket_events
      DROP KEY ix_ticket_events_action_at,
      ADD KEY ix_ticket_events_action_at (action, at, ticket_id, to_status),
      ADD KEY ix_ticket_events_action_department_at (action, department_ref, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_events DROP KEY ix_ticket_events_action_department_at,
      DROP KEY ix_ticket_events_action_at, ADD KEY ix_ticket_events_action_at (action, at)`);
    await q.query('ALTER TABLE ticket_events DROP COLUMN department_ref');
    await q.query(`ALTER TABLE tickets DROP KEY uq_tickets_id_department, DROP KEY ix_tickets_department_replied,
      DROP KEY ix_tickets_department_dispatched, DROP KEY ix_tickets_department_closed,
      DROP KEY ix_tickets_department_created, ADD KEY ix_tickets_department_created (department_id, created_at)`);
  }
}
