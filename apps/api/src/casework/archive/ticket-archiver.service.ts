import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EnvDto } from '../../platform/config/env.dto';
import { withNamedLock } from '../../platform/database/named-lock';
import { queueSearchDocuments } from '../search/search-feed';
import { ARCHIVED_CHILDREN, ARCHIVED_OWN, archiveOf } from './archive-tables';

/** How one run went: tickets moved, batches committed, and the old closed tickets kept live by open work on them. */
export interface ArchiveRun {
  moved: number;
  batches: number;
  /** Old closed tickets skipped this run: an open supervision order, a pending extension, an unsent SMS, a live duplicate. */
  kept: number;
  /** False when another process was archiving (the run did nothing). */
  ran: boolean;
}

export interface ArchiveOptions {
  /** Tickets closed longer ago than this many days move. */
  olderThanDays: number;
  /** Tickets per transaction. */
  batchSize: number;
  now?: Date;
  /** Called after each committed batch (the command prints progress with it). */
  onBatch?: (progress: { batch: number; moved: number; total: number }) => void;
}

/**
 * Moves closed tickets whose closed_at is older than the cutoff, with their trail, search terms and every row that
 * references them by foreign key, into the archive tables (docs/operations.md, "Archive"). One transaction per batch:
 * copy into the archive, then delete from the live tables, children first. A crash or an error inside a batch rolls it
 * back whole, a committed batch is never copied twice (a moved ticket is no longer live), so a run can be interrupted
 * and rerun at any point. The candidates are re-read under a row lock inside the batch: a ticket reopened meanwhile
 * is not closed any more and stays. One run at a time (a MySQL named lock), whichever process starts it.
 */
@Injectable()
export class TicketArchiver {
  private readonly logger = new Logger(TicketArchiver.name);

  constructor(
    private readonly db: DataSource,
    /** Only SEARCH_ENGINE is read (scripts pass just that): with an engine, moved tickets are queued for it. */
    @Optional() private readonly env?: EnvDto,
  ) {}

  async run(opts: ArchiveOptions): Promise<ArchiveRun> {
    const result = await withNamedLock(this.db, 'hotline_archive', 0, () => this.runLocked(opts));
    return result ?? { moved: 0, batches: 0, kept: 0, ran: false };
  }

  private async runLocked(opts: ArchiveOptions): Promise<ArchiveRun> {
    const now = opts.now ?? new Date();
    const cutoff = new Date(now.getTime() - opts.olderThanDays * 86_400_000);
    const columns = await this.columnsToCopy();
    // no ticket registered after the cutoff can have closed before it: the walk ends at the last one registered before
    // (an index range of the live tickets registered before the cutoff: after the first run, the few kept live)
    const [last] = await this.db.query('SELECT MAX(id) AS id FROM tickets WHERE created_at < ?', [cutoff]);
    const run: ArchiveRun = { moved: 0, batches: 0, kept: 0, ran: true };
    if (last?.id == null) return run;
    const upTo = Number(last.id);
    let after = 0;
    for (;;) {
      const rows: Array<{ id: number; blocked: number }> = await this.db.query(
        `SELECT t.id, ${this.blocked()} AS blocked FROM tickets t
          WHERE t.id > ? AND t.id <= ? AND t.status = 'closed' AND t.closed_at < ? ORDER BY t.id LIMIT ${Number(opts.batchSize)}`,
        [after, upTo, cutoff],
      );
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].id);
      const ids = rows.filter((r) => !Number(r.blocked)).map((r) => Number(r.id));
      run.kept += rows.length - ids.length;
      if (!ids.length) continue;
      const moved = await this.db.transaction((m) => this.moveBatch(m, ids, cutoff, now, columns));
      run.kept += ids.length - moved;
      run.moved += moved;
      run.batches++;
      opts.onBatch?.({ batch: run.batches, moved, total: run.moved });
    }
    if (run.moved) this.logger.log(`archive: moved ${run.moved} tickets closed before ${cutoff.toISOString()} in ${run.batches} batches (${run.kept} kept live)`);
    return run;
  }

  /** 1 when the ticket `t` must stay live: work still open on it, or a live ticket marked as its duplicate. */
  private blocked(): string {
    const children = ARCHIVED_CHILDREN.filter((c) => c.blocks).map((c) => `EXISTS (SELECT 1 FROM ${c.table} c WHERE c.ticket_id = t.id AND ${c.blocks})`);
    return `(${[...children, 'EXISTS (SELECT 1 FROM tickets d WHERE d.duplicate_of_id = t.id)'].join(' OR ')})`;
  }

  /** One batch, in the caller's transaction: returns how many of `ids` moved (those still closed before the cutoff and unblocked). */
  private async moveBatch(m: EntityManager, candidates: number[], cutoff: Date, now: Date, columns: Map<string, string>): Promise<number> {
    const locked: Array<{ id: number }> = await m.query(
      `SELECT t.id FROM tickets t WHERE t.id IN (?) AND t.status = 'closed' AND t.closed_at < ? AND NOT ${this.blocked()} FOR UPDATE`,
      [candidates, cutoff],
    );
    const ids = locked.map((r) => Number(r.id));
    if (!ids.length) return 0;
    for (const c of ARCHIVED_CHILDREN) await this.move(m, c.table, 'ticket_id', ids, columns);
    for (const t of ARCHIVED_OWN) await this.move(m, t, 'ticket_id', ids, columns);
    const cols = columns.get('tickets')!;
    await m.query(`INSERT INTO tickets_archive (${cols}, archived_at) SELECT ${cols}, ? FROM tickets WHERE id IN (?)`, [now, ids]);
    const deleted = await m.query('DELETE FROM tickets WHERE id IN (?)', [ids]);
    if (Number(deleted.affectedRows) !== ids.length) throw new Error(`archive: ${ids.length} tickets copied but ${deleted.affectedRows} deleted`);
    if (this.env && this.env.SEARCH_ENGINE !== 'table') await queueSearchDocuments(m, ids);
    return ids.length;
  }

  private async move(m: EntityManager, table: string, key: string, ids: number[], columns: Map<string, string>): Promise<void> {
    const cols = columns.get(table)!;
    await m.query(`INSERT INTO ${archiveOf(table)} (${cols}) SELECT ${cols} FROM ${table} WHERE ${key} IN (?)`, [ids]);
    await m.query(`DELETE FROM ${table} WHERE ${key} IN (?)`, [ids]);
  }

  /**
   * The stored columns of each live table, which its archive twin must have too: a migration that adds a column to a
   * live table and forgets the twin stops the mover here, naming it, instead of losing the column's values.
   */
  private async columnsToCopy(): Promise<Map<string, string>> {
    const tables = ['tickets', ...ARCHIVED_OWN, ...ARCHIVED_CHILDREN.map((c) => c.table)];
    const rows: Array<{ t: string; c: string }> = await this.db.query(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?) AND COALESCE(GENERATION_EXPRESSION, '') = '' ORDER BY ORDINAL_POSITION`,
      [[...tables, ...tables.map(archiveOf)]],
    );
    const of = (t: string) => rows.filter((r) => r.t === t).map((r) => r.c);
    const out = new Map<string, string>();
    for (const t of tables) {
      const twin = new Set(of(archiveOf(t)));
      const missing = of(t).filter((c) => !twin.has(c));
      if (missing.length) throw new Error(`archive: ${archiveOf(t)} lacks column(s) ${missing.join(', ')} of ${t}; add them in a migration`);
      out.set(
        t,
        of(t)
          .map((c) => `\`${c}\``)
          .join(', '),
      );
    }
    return out;
  }
}
