import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ARCHIVED_CHILDREN, ARCHIVED_OWN, archiveOf } from '../../../casework/archive/archive-tables';

/** The indexes tickets_archive keeps: what archive lookups read (number, phone, id, department scope, age). */
const KEPT_TICKET_INDEXES = ['PRIMARY', 'uq_tickets_no', 'ix_tickets_phone', 'ix_tickets_department'];
/** ticket_events_archive is read by ticket only (the trail). */
const KEPT_EVENT_INDEXES = ['PRIMARY', 'ix_ticket_events_ticket'];

/**
 * The archive of closed tickets (issue 20, part 6): twins of the live tables, same columns, without foreign keys
 * (InnoDB forbids partitioning a table with foreign keys, so monthly partitions were not an option). `tickets_archive`
 * drops the live table's wide covering indexes (board, KPI, report, SLA sweeps) and keeps the lookups'; it adds
 * `archived_at`. Empty at creation: the mover (TicketArchiver) fills them.
 */
export class TicketArchive1765400000000 implements MigrationInterface {
  name = 'TicketArchive1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await this.twin(q, 'tickets', KEPT_TICKET_INDEXES);
    await q.query(`ALTER TABLE tickets_archive ADD COLUMN archived_at datetime(3) NOT NULL, ADD KEY ix_tickets_archive_created (created_at)`);
    await this.twin(q, 'ticket_events', KEPT_EVENT_INDEXES);
    await this.twin(q, 'ticket_terms');
    for (const c of ARCHIVED_CHILDREN) await this.twin(q, c.table);
    // The trail stays append-only (过程留痕): a line may leave ticket_events only once its exact copy is in the archive,
    // and the archive's lines never change or go.
    await q.query('DROP TRIGGER ticket_events_no_delete');
    await q.query(`CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events FOR EACH ROW
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM ticket_events_archive a WHERE a.id = OLD.id AND a.ticket_id = OLD.ticket_id AND a.action = OLD.action
            AND a.from_status <=> OLD.from_status AND a.to_status <=> OLD.to_status AND a.actor_id <=> OLD.actor_id
            AND a.actor_role <=> OLD.actor_role AND a.at = OLD.at AND a.data = OLD.data COLLATE utf8mb4_bin) THEN
          SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events is append-only';
        END IF;
      END`);
    await q.query(`CREATE TRIGGER ticket_events_archive_no_update BEFORE UPDATE ON ticket_events_archive FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events_archive is append-only'`);
    await q.query(`CREATE TRIGGER ticket_events_archive_no_delete BEFORE DELETE ON ticket_events_archive FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events_archive is append-only'`);
  }

  /** `<table>_archive` LIKE the live one (columns, checks, generated columns; no foreign keys), keeping `keep` indexes or all. */
  private async twin(q: QueryRunner, table: string, keep?: string[]): Promise<void> {
    const archive = archiveOf(table);
    await q.query(`CREATE TABLE ${archive} LIKE ${table}`);
    if (!keep) return;
    const rows: Array<{ name: string }> = await q.query(
      'SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [archive],
    );
    const drop = rows.map((r) => r.name).filter((n) => !keep.includes(n));
    if (drop.length) await q.query(`ALTER TABLE ${archive} ${drop.map((n) => `DROP KEY \`${n}\``).join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // dropping the archive would drop its tickets: a downgrade waits until they are moved back (by hand, no tool yet)
    const [{ n }] = await q.query('SELECT COUNT(*) AS n FROM (SELECT 1 FROM tickets_archive LIMIT 1) x');
    if (Number(n)) throw new Error('tickets_archive holds archived tickets: reverting TicketArchive1765400000000 would delete them');
    await q.query('DROP TRIGGER ticket_events_no_delete');
    await q.query(`CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events is append-only'`);
    for (const c of [...ARCHIVED_CHILDREN].reverse()) await q.query(`DROP TABLE ${archiveOf(c.table)}`);
    for (const t of [...ARCHIVED_OWN].reverse()) await q.query(`DROP TABLE ${archiveOf(t)}`);
    await q.query('DROP TABLE tickets_archive');
  }
}
