import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TOTAL_CAP, queryTerms, type QueryTerm } from '@hotline/domain';
import type { EntityManager } from 'typeorm';
import { SEARCH_ENGINE, type SearchEngine } from './search-engine';
import { TERM_WORDS } from './ticket-terms';

/** Candidates asked of the search engine at most per request while a page or a count walks its matches. */
const ENGINE_CHUNK = 5000;
/** A failing engine is reported at most this often (searches fall back to the term table meanwhile). */
const ENGINE_WARN_EVERY_MS = 60_000;

/** A condition on the ticket row `t`, with its parameters in order. */
export interface Clause {
  sql: string;
  params: unknown[];
}

/** Where a list's candidates come from: one index each (a ticket number, a phone, the search terms, or a filter's). */
interface Source {
  /** The candidates before the filters on the ticket: on tickets, a condition on `t`; else a SELECT of `id`s. */
  candidates: Clause;
  /** For the search terms: the joins after FROM and the conditions, to be read in one flat statement with the ticket. */
  terms?: { from: Clause; where: Clause; distinct: boolean };
  /** The column the candidates are ordered and paged by. */
  key: string;
  /** Whether the candidates come from the tickets table itself (then filters apply in the same statement). */
  onTickets: boolean;
  /** Found through the search engine: the count is already known, and the matches walked (for a merged count). */
  engine?: { counted: number; lowerBound: boolean; walked: number[] | null };
}

export interface TicketListRequest {
  /** Conditions on the ticket row every candidate must meet (filters, a handler's department and guards). */
  filters: Clause[];
  /** How the candidates are found; several are merged (a phone number is also searched as words). */
  lookups: Lookup[];
  /** Only tickets older than this id (keyset cursor). */
  beforeId?: number;
  offset: number;
  limit: number;
  /** The search may match the caller's name (the centre); a department's search only matches a ticket's words. */
  includeCaller: boolean;
  /** Which tables: the live ones (default) or the archive's (`tickets_archive`, `ticket_terms_archive`). */
  tables?: ListTables;
  /** Count the matches (false: `counted` is 0; the archive is not counted when the live count already reached the cap). */
  count?: boolean;
}

export interface ListTables {
  tickets: string;
  terms: string;
}

export const LIVE_TABLES: ListTables = { tickets: 'tickets', terms: 'ticket_terms' };
export const ARCHIVE_TABLES: ListTables = { tickets: 'tickets_archive', terms: 'ticket_terms_archive' };

export type Lookup = { kind: 'all' } | { kind: 'number'; no: string } | { kind: 'phone'; phone: string } | { kind: 'id'; id: number } | { kind: 'words'; text: string };

/** What a page found, and how many match (counted up to TOTAL_CAP + 1, or fewer when `lowerBound`). */
export interface FoundPage {
  ids: number[];
  counted: number;
  /** The count stopped early (it walked TOTAL_CAP + 1 candidates of the search): `counted` is "at least". */
  lowerBound: boolean;
}

/**
 * The SQL of ticket lists and searches. Every page is read newest first by id from one index per lookup (the ticket
 * number's, the phone's, the search terms' primary key, or a filter's own index) and then the rows by primary key.
 * Totals are bounded work: a filter's count stops at TOTAL_CAP + 1 rows of its index, a search's at TOTAL_CAP + 1
 * candidates of its rarest term.
 */
@Injectable()
export class TicketSearchRepository {
  private readonly logger = new Logger(TicketSearchRepository.name);
  private warnedAt = 0;

  constructor(@Optional() @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine | null = null) {}

  async page(m: EntityManager, req: TicketListRequest): Promise<FoundPage> {
    const tables = req.tables ?? LIVE_TABLES;
    const sources = (await Promise.all(req.lookups.map((l) => this.source(m, l, req, tables)))).filter((s): s is Source => s !== null);
    if (!sources.length) return { ids: [], counted: 0, lowerBound: false };
    const single = sources.length === 1;
    const pages = await Promise.all(
      sources.map((s) => {
        const q = this.filtered(s, req, req.beforeId, tables);
        const limit = single ? `LIMIT ${req.limit + 1} OFFSET ${req.offset}` : `LIMIT ${req.offset + req.limit + 1}`;
        return m.query<Array<{ id: number }>>(`${q.sql} ORDER BY ${s.key} DESC ${limit}`, q.params);
      }),
    );
    let ids = [...new Set(pages.flat().map((r) => Number(r.id)))].sort((a, b) => b - a);
    if (!single) ids = ids.slice(req.offset, req.offset + req.limit + 1);
    if (req.count === false) return { ids, counted: 0, lowerBound: false };
    const counts = await Promise.all(sources.map((s) => this.count(m, s, req, tables)));
    const counted = single ? counts[0].n : await this.union(m, sources, req, tables);
    return { ids, counted, lowerBound: counts.some((c) => c.walkedCap) };
  }

  /** The source's candidates that meet the filters (the candidates themselves walked in index order, newest first). */
  private filtered(s: Source, req: TicketListRequest, beforeId: number | undefined, tables: ListTables): Clause {
    const before = beforeId === undefined ? [] : [{ sql: `${s.key} < ?`, params: [beforeId] }];
    if (s.onTickets) {
      const where = [s.candidates, ...before, ...req.filters];
      return { sql: `SELECT t.id AS id FROM ${tables.tickets} t WHERE ${where.map((w) => w.sql).join(' AND ')}`, params: where.flatMap((w) => w.params) };
    }
    const terms = s.terms!;
    const where = [terms.where, ...before, ...req.filters];
    // the rarest term's walk is the outer loop (STRAIGHT_JOIN): newest candidates first, each checked against its ticket
    return {
      sql: `SELECT ${terms.distinct ? 'DISTINCT ' : ''}STRAIGHT_JOIN k0.ticket_id AS id FROM ${terms.from.sql} JOIN ${tables.tickets} t ON t.id = k0.ticket_id
        WHERE ${where.map((w) => w.sql).join(' AND ')}`,
      params: [...terms.from.params, ...where.flatMap((w) => w.params)],
    };
  }

  private async count(m: EntityManager, s: Source, req: TicketListRequest, tables: ListTables): Promise<{ n: number; walkedCap: boolean }> {
    if (s.engine) return { n: s.engine.counted, walkedCap: s.engine.lowerBound };
    if (s.onTickets) {
      const q = this.filtered(s, req, undefined, tables);
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM (${q.sql} LIMIT ${TOTAL_CAP + 1}) counted`, q.params);
      return { n: Number(n), walkedCap: false };
    }
    // at most TOTAL_CAP + 1 candidates are walked; with filters that keep few of them the total is a lower bound
    if (!req.filters.length) {
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM (${s.candidates.sql} LIMIT ${TOTAL_CAP + 1}) c`, s.candidates.params);
      return { n: Number(n), walkedCap: false };
    }
    const where = [{ sql: 't.id = c.id', params: [] }, ...req.filters];
    const [{ n, walked }] = await m.query(
      `SELECT COUNT(t.id) AS n, COUNT(*) AS walked FROM (${s.candidates.sql} LIMIT ${TOTAL_CAP + 1}) c LEFT JOIN ${tables.tickets} t ON ${where.map((w) => w.sql).join(' AND ')}`,
      [...s.candidates.params, ...where.flatMap((w) => w.params)],
    );
    return { n: Number(n), walkedCap: Number(walked) > TOTAL_CAP && Number(n) <= TOTAL_CAP };
  }

  /** Several sources (a phone also searched as words): the distinct tickets of all, each arm capped. */
  private async union(m: EntityManager, sources: Source[], req: TicketListRequest, tables: ListTables): Promise<number> {
    if (sources.some((s) => s.engine)) {
      // the engine's matches are known by id: the others are read (capped as each arm is) and merged here
      const ids = await Promise.all(
        sources.map(async (s) => {
          if (s.engine) return s.engine.walked ?? [];
          const q = this.filtered(s, req, undefined, tables);
          return (await m.query<Array<{ id: number }>>(`${q.sql} LIMIT ${TOTAL_CAP + 1}`, q.params)).map((r) => Number(r.id));
        }),
      );
      return new Set(ids.flat()).size;
    }
    const arms = sources.map((s) => this.filtered(s, req, undefined, tables));
    const [{ n }] = await m.query(
      `SELECT COUNT(*) AS n FROM (${arms.map((a) => `(${a.sql} LIMIT ${TOTAL_CAP + 1})`).join(' UNION ')}) counted`,
      arms.flatMap((a) => a.params),
    );
    return Number(n);
  }

  private async source(m: EntityManager, l: Lookup, req: TicketListRequest, tables: ListTables): Promise<Source | null> {
    const on = (sql: string, params: unknown[] = []): Source => ({ candidates: { sql, params }, key: 't.id', onTickets: true });
    switch (l.kind) {
      case 'all':
        return on('1 = 1');
      case 'number':
        return on('t.no = ?', [l.no]);
      case 'phone':
        return on('t.caller_phone = ?', [l.phone]);
      case 'id':
        return on('t.id = ?', [l.id]);
      case 'words':
        if (this.engine) {
          try {
            return await this.engineWords(m, this.engine, l.text, req, tables);
          } catch (e) {
            if (Date.now() - this.warnedAt > ENGINE_WARN_EVERY_MS) {
              this.warnedAt = Date.now();
              this.logger.warn(`search engine did not answer (${this.engine.describe}), the term table answers: ${(e as Error).message}`);
            }
          }
        }
        return this.words(m, queryTerms(l.text), req.includeCaller, tables.terms);
    }
  }

  /**
   * The search engine finds the words; the database keeps the rest. Its matches are walked newest first (by id) and
   * kept when their ticket is in these tables and meets the filters, until the page is full; then the page reads them
   * as any other candidates. The count is the engine's own (up to TOTAL_CAP + 1) when nothing filters the matches,
   * else the matches kept among the first TOTAL_CAP + 1 walked, a lower bound as with the term table.
   */
  private async engineWords(m: EntityManager, engine: SearchEngine, text: string, req: TicketListRequest, tables: ListTables): Promise<Source | null> {
    if (!text.trim()) return null;
    const archived = tables === ARCHIVE_TABLES;
    const ask = { text, includeCaller: req.includeCaller, archived };
    const need = req.offset + req.limit + 1;
    const onPage = req.limit > 0 ? (await this.walkEngine(m, engine, ask, req, tables, req.beforeId, need, Infinity)).kept : [];
    const merged = req.lookups.length > 1;
    let engineCount: Source['engine'] = { counted: 0, lowerBound: false, walked: null };
    if (req.count !== false) {
      if (!req.filters.length && !merged) {
        const { total } = await engine.search({ ...ask, size: 0, countUpTo: TOTAL_CAP + 1 });
        engineCount = { counted: total, lowerBound: false, walked: null };
      } else {
        const walk = await this.walkEngine(m, engine, ask, req, tables, undefined, TOTAL_CAP + 1, TOTAL_CAP + 1);
        engineCount = { counted: walk.kept.length, lowerBound: walk.walked > TOTAL_CAP && walk.kept.length <= TOTAL_CAP, walked: walk.kept };
      }
    }
    return { candidates: { sql: 't.id IN (?)', params: [onPage.length ? onPage : [0]] }, key: 't.id', onTickets: true, engine: engineCount };
  }

  /** The engine's matches below `beforeId`, newest first, kept when in `tables` and meeting the filters: until `enough` are kept or `most` walked. */
  private async walkEngine(
    m: EntityManager,
    engine: SearchEngine,
    ask: { text: string; includeCaller: boolean; archived: boolean },
    req: TicketListRequest,
    tables: ListTables,
    beforeId: number | undefined,
    enough: number,
    most: number,
  ): Promise<{ kept: number[]; walked: number }> {
    const kept: number[] = [];
    let walked = 0;
    let before = beforeId;
    let size = Math.min(Math.max(2 * enough, 100), ENGINE_CHUNK);
    while (kept.length < enough && walked < most) {
      const asked = Math.min(size, most - walked);
      const { ids } = await engine.search({ ...ask, beforeId: before, size: asked, countUpTo: 0 });
      if (!ids.length) break;
      walked += ids.length;
      const q = this.filtered({ candidates: { sql: 't.id IN (?)', params: [ids] }, key: 't.id', onTickets: true }, req, undefined, tables);
      const rows = await m.query<Array<{ id: number }>>(`${q.sql} ORDER BY t.id DESC`, q.params);
      kept.push(...rows.map((r) => Number(r.id)));
      if (ids.length < asked) break;
      before = ids[ids.length - 1];
      size = Math.min(2 * size, ENGINE_CHUNK);
    }
    return { kept: kept.slice(0, enough), walked };
  }

  /**
   * Every term of the search must be found for the ticket. The rarest exact term (counted up to TOTAL_CAP + 1 from
   * the primary key) drives: its postings are walked newest first and each is looked up under the other terms by
   * primary key (a lone character's prefix through the ticket's own terms). A term nobody wrote ends the search
   * before any walk.
   */
  private async words(m: EntityManager, terms: QueryTerm[], includeCaller: boolean, termTable: string): Promise<Source | null> {
    if (!terms.length) return null;
    const srcCheck = (k: string) => (includeCaller ? '' : ` AND ${k}.src & ${TERM_WORDS}`);
    const exact = terms.filter((q) => !q.prefix);
    const sizes = await Promise.all(
      exact.map(async (q) => {
        const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${termTable} k WHERE k.term = ?${srcCheck('k')} LIMIT ${TOTAL_CAP + 1}) x`, [q.term]);
        return { q, n: Number(n) };
      }),
    );
    if (sizes.some((s) => s.n === 0)) return null;
    sizes.sort((a, b) => a.n - b.n);
    const driver = sizes[0]?.q ?? terms[0];
    const others = terms.filter((q) => q !== driver);
    const joins = others.map((q, i) => {
      const k = `k${i + 1}`;
      return q.prefix
        ? { sql: `AND EXISTS (SELECT 1 FROM ${termTable} ${k} WHERE ${k}.ticket_id = k0.ticket_id AND ${k}.term LIKE ?${srcCheck(k)})`, params: [`${q.term}%`] }
        : { sql: `JOIN ${termTable} ${k} ON ${k}.term = ? AND ${k}.ticket_id = k0.ticket_id${srcCheck(k)}`, params: [q.term] };
    });
    const joined = joins.filter((j) => j.sql.startsWith('JOIN'));
    const exists = joins.filter((j) => j.sql.startsWith('AND'));
    const drive = driver.prefix ? { sql: 'k0.term LIKE ?', params: [`${driver.term}%`] } : { sql: 'k0.term = ?', params: [driver.term] };
    const from = { sql: `${termTable} k0 ${joined.map((j) => j.sql).join(' ')}`, params: joined.flatMap((j) => j.params) };
    const where = { sql: `${drive.sql}${srcCheck('k0')} ${exists.map((j) => j.sql).join(' ')}`, params: [...drive.params, ...exists.flatMap((j) => j.params)] };
    // a prefix driver (a lone character) meets a ticket once per term it starts: DISTINCT then
    const distinct = driver.prefix;
    return {
      candidates: { sql: `SELECT ${distinct ? 'DISTINCT ' : ''}STRAIGHT_JOIN k0.ticket_id AS id FROM ${from.sql} WHERE ${where.sql}`, params: [...from.params, ...where.params] },
      terms: { from, where, distinct },
      key: 'k0.ticket_id',
      onTickets: false,
    };
  }
}
