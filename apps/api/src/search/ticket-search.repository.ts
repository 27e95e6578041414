import { Injectable } from '@nestjs/common';
import { TOTAL_CAP, queryTerms, type QueryTerm } from '@hotline/domain';
import type { EntityManager } from 'typeorm';
import { TERM_WORDS } from './ticket-terms';

/** A condition on the ticket row `t`, with its parameters in order. */
interface Clause {
  sql: string;
  params: unknown[];
}

/** Where a list's candidates come from: one index each (a ticket number, a phone, the search terms, or a filter's). */
interface Source {
  from: string;
  /** Parameters of the joins in `from`. */
  fromParams?: unknown[];
  where: Clause[];
  /** The column the source is ordered and paged by (the ticket's id, as that index holds it). */
  key: string;
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
}

export type Lookup = { kind: 'all' } | { kind: 'number'; no: string } | { kind: 'phone'; phone: string } | { kind: 'id'; id: number } | { kind: 'words'; text: string };

/**
 * The SQL of ticket lists and searches. Every page is read newest first by id from one index per lookup (the ticket
 * number's, the phone's, the search terms' primary key, or a filter's own index) and then the rows by primary key;
 * the total is counted from the same indexes and stops at TOTAL_CAP + 1.
 */
@Injectable()
export class TicketSearchRepository {
  async page(m: EntityManager, req: TicketListRequest): Promise<{ ids: number[]; counted: number }> {
    const sources = req.lookups.map((l) => this.source(l, req.includeCaller)).filter((s): s is Source => s !== null);
    if (!sources.length) return { ids: [], counted: 0 };
    const single = sources.length === 1;
    const pages = await Promise.all(
      sources.map((s) => {
        const q = this.select(s, req, req.beforeId);
        const limit = single ? `LIMIT ${req.limit + 1} OFFSET ${req.offset}` : `LIMIT ${req.offset + req.limit + 1}`;
        return m.query(`${q.sql} ORDER BY ${s.key} DESC ${limit}`, q.params) as Promise<Array<{ id: number }>>;
      }),
    );
    let ids = [...new Set(pages.flat().map((r) => Number(r.id)))].sort((a, b) => b - a);
    if (!single) ids = ids.slice(req.offset, req.offset + req.limit + 1);
    const arms = sources.map((s) => this.select(s, req, undefined));
    const [{ n }] = await m.query(
      `SELECT COUNT(*) AS n FROM (${arms.map((a) => `(${a.sql} LIMIT ${TOTAL_CAP + 1})`).join(' UNION ')}) counted`,
      arms.flatMap((a) => a.params),
    );
    return { ids, counted: Number(n) };
  }

  private select(s: Source, req: TicketListRequest, beforeId: number | undefined): Clause {
    const where = [...s.where, ...req.filters];
    if (beforeId !== undefined) where.push({ sql: `${s.key} < ?`, params: [beforeId] });
    return {
      sql: `SELECT DISTINCT ${s.key} AS id FROM ${s.from}${where.length ? ` WHERE ${where.map((w) => w.sql).join(' AND ')}` : ''}`,
      params: [...(s.fromParams ?? []), ...where.flatMap((w) => w.params)],
    };
  }

  private source(l: Lookup, includeCaller: boolean): Source | null {
    switch (l.kind) {
      case 'all':
        return { from: 'tickets t', where: [], key: 't.id' };
      case 'number':
        return { from: 'tickets t', where: [{ sql: 't.no = ?', params: [l.no] }], key: 't.id' };
      case 'phone':
        return { from: 'tickets t', where: [{ sql: 't.caller_phone = ?', params: [l.phone] }], key: 't.id' };
      case 'id':
        return { from: 'tickets t', where: [{ sql: 't.id = ?', params: [l.id] }], key: 't.id' };
      case 'words':
        return this.words(queryTerms(l.text), includeCaller);
    }
  }

  /** Every term of the search must be found for the ticket: one join per term over ticket_terms' primary key. */
  private words(terms: QueryTerm[], includeCaller: boolean): Source | null {
    if (!terms.length) return null;
    const match = (k: string, q: QueryTerm): Clause => ({
      sql: `${q.prefix ? `${k}.term LIKE ?` : `${k}.term = ?`}${includeCaller ? '' : ` AND ${k}.src = ${TERM_WORDS}`}`,
      params: [q.prefix ? `${q.term}%` : q.term],
    });
    const joins = terms.slice(1).map((q, i) => {
      const c = match(`k${i + 1}`, q);
      return { sql: `JOIN ticket_terms k${i + 1} ON k${i + 1}.ticket_id = k0.ticket_id AND ${c.sql}`, params: c.params };
    });
    const first = match('k0', terms[0]);
    return {
      from: `ticket_terms k0 ${joins.map((j) => j.sql).join(' ')} JOIN tickets t ON t.id = k0.ticket_id`,
      fromParams: joins.flatMap((j) => j.params),
      where: [first],
      key: 'k0.ticket_id',
    };
  }
}
