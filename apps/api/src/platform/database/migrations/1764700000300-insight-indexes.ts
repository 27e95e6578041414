import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: a bulletin lists the tickets that turned red in its period and the unsatisfied callbacks; without these
 * indexes both scan the month (27 s for a month of 1,000,000 tickets in bench:ranking).
 */
export class InsightIndexes1764700000300 implements MigrationInterface {
  name = 'InsightIndexes1764700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets ADD KEY ix_tickets_breached (breached_at)');
    await q.query('ALTER TABLE ticket_events ADD KEY ix_ticket_events_action_to_at (action, to_status, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ticket_events DROP KEY ix_ticket_events_action_to_at');
    await q.query('ALTER TABLE tickets DROP KEY ix_tickets_breached');
  }
}
