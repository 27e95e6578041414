import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvDto } from '../../platform/config/env.dto';
import { archiveOf } from '../archive/archive-tables';
import { SEARCH_ENGINE, type SearchDocument, type SearchEngine } from './search-engine';
import { addTicketTerms, auditTexts, type TicketTexts } from './ticket-terms';
import type { Sql } from './ticket-terms.repository';

/** Tickets sent to the engine per request. */
const BATCH = 500;
/** Tickets queued per statement when a new, empty index is filled from the database. */
const FILL_BATCH = 10_000;

/**
 * Writes a ticket's new texts where searches read them, in the caller's transaction: its terms (always: the term
 * table answers when there is no engine, or when the engine does not) and, with a search engine, a line in
 * `search_outbox` that SearchFeed turns into the ticket's document after the commit.
 */
export async function indexTicketTexts(m: Sql, env: EnvDto, items: Array<{ ticketId: number; texts: TicketTexts }>): Promise<void> {
  await addTicketTerms(m, items);
  if (env.SEARCH_ENGINE !== 'table') await queueSearchDocuments(m, [...new Set(items.map((i) => i.ticketId))]);
}

/** Queues tickets for the engine; a ticket queued again meanwhile counts up `queued`, so that its newer texts are sent too. */
export async function queueSearchDocuments(m: Sql, ticketIds: number[]): Promise<void> {
  if (!ticketIds.length) return;
  await m.query(
    `INSERT INTO search_outbox (ticket_id, queued, queued_at) VALUES ${ticketIds.map(() => '(?, 1, UTC_TIMESTAMP(3))').join(', ')}
    ON DUPLICATE KEY UPDATE queued = queued + 1, queued_at = VALUES(queued_at)`,
    ticketIds,
  );
}

/**
 * Feeds the search engine from `search_outbox` (a transactional outbox: a ticket's words and its line commit together,
 * so no change is lost while the engine is away). Runs on worker processes (SLA_ROLE all or worker) every
 * SEARCH_FEED_MS: each ticket's document is rebuilt from the database (live or archive), so the engine is a copy that
 * can always be rebuilt; a line leaves the outbox only once the engine took the document it saw.
 */
@Injectable()
export class SearchFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SearchFeed.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private ready = false;
  private failing = false;

  constructor(
    private readonly db: DataSource,
    private readonly env: EnvDto,
    @Optional() @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine | null,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.engine || this.env.SLA_ROLE === 'api') return;
    this.timer = setInterval(() => void this.runOnce(), this.env.SEARCH_FEED_MS);
    this.timer.unref();
    void this.runOnce();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass: the index made if missing, then the outbox drained. Resolves with the tickets sent (one pass at a time). */
  runOnce(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    const engine = this.engine!;
    let sent = 0;
    try {
      if (!this.ready) {
        if (await engine.ensureIndex()) {
          const queued = await this.fillOutbox();
          this.logger.log(`search engine index created (${engine.describe}); ${queued} tickets queued to fill it`);
        }
        this.ready = true;
      }
      for (;;) {
        const rows = await this.db.query<Array<{ ticket_id: number; queued: number }>>('SELECT ticket_id, queued FROM search_outbox ORDER BY ticket_id LIMIT ?', [BATCH]);
        if (!rows.length) break;
        const ids = rows.map((r) => Number(r.ticket_id));
        const docs = await this.documents(ids);
        const found = new Set(docs.map((d) => d.id));
        await engine.write(
          docs,
          ids.filter((id) => !found.has(id)),
        );
        // a line queued again while its document was built stays, for its newer texts
        await this.db.query('DELETE FROM search_outbox WHERE ticket_id IN (?) AND (ticket_id, queued) IN (?)', [ids, rows.map((r) => [Number(r.ticket_id), Number(r.queued)])]);
        sent += ids.length;
        if (rows.length < BATCH) break;
      }
      if (this.failing) this.logger.log(`search engine reachable again (${engine.describe})`);
      this.failing = false;
    } catch (e) {
      // said once per outage, not every second; the outbox keeps every change until the engine takes it
      if (!this.failing) this.logger.warn(`search engine feed paused (${engine.describe}): ${(e as Error).message}`);
      this.failing = true;
    }
    return sent;
  }

  /** Every ticket, live and archived, queued: a new index starts empty. */
  private async fillOutbox(): Promise<number> {
    let queued = 0;
    for (const table of ['tickets', archiveOf('tickets')]) {
      for (let after = 0; ;) {
        const rows = await this.db.query<Array<{ id: number }>>(`SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ${FILL_BATCH}`, [after]);
        if (!rows.length) break;
        await queueSearchDocuments(
          this.db,
          rows.map((r) => Number(r.id)),
        );
        queued += rows.length;
        after = Number(rows[rows.length - 1].id);
      }
    }
    return queued;
  }

  /** The documents of these tickets as the database holds them now (a ticket in neither table has none). */
  async documents(ids: number[]): Promise<SearchDocument[]> {
    const tickets = await this.db.query<Array<{ id: number; no: string; content: string; address: string | null; caller_name: string | null; archived: number }>>(
      `SELECT id, no, content, address, caller_name, 0 AS archived FROM tickets WHERE id IN (?)
      UNION ALL SELECT id, no, content, address, caller_name, 1 FROM ${archiveOf('tickets')} WHERE id IN (?)`,
      [ids, ids],
    );
    const events = await this.db.query<Array<{ ticket_id: number; id: number; data: string }>>(
      `SELECT ticket_id, id, data FROM ticket_events WHERE ticket_id IN (?)
      UNION ALL SELECT ticket_id, id, data FROM ${archiveOf('ticket_events')} WHERE ticket_id IN (?) ORDER BY id`,
      [ids, ids],
    );
    const docs = new Map<number, SearchDocument>();
    for (const t of tickets) {
      docs.set(Number(t.id), {
        id: Number(t.id),
        words: [t.no, t.content, t.address].filter((w): w is string => !!w),
        callerName: t.caller_name,
        archived: Number(t.archived) === 1,
        version: 0,
      });
    }
    const seen = new Set<number>();
    for (const e of events) {
      const doc = docs.get(Number(e.ticket_id));
      // a line met twice (in both tables for a moment of the archive's move) counts once
      if (!doc || seen.has(Number(e.id))) continue;
      seen.add(Number(e.id));
      doc.words.push(...auditTexts(JSON.parse(e.data) as Record<string, unknown>));
      doc.version = Math.max(doc.version, Number(e.id));
    }
    // the move to the archive adds no trail line, yet must replace the live document: it counts as the newer one
    for (const doc of docs.values()) doc.version = 2 * doc.version + (doc.archived ? 1 : 0);
    return [...docs.values()];
  }
}
