import { indexTerms } from '@hotline/domain';
import { insertTicketTerms, type Sql } from './ticket-terms.repository';

/**
 * Where a term came from, as bits (a term may be in both): the ticket's own words (everyone may search them) and its
 * caller's name (the centre only). One row per term and ticket, so a search's joins never meet a ticket twice.
 */
export const TERM_WORDS = 1;
export const TERM_CALLER = 2;

/** A ticket's texts to index: its words (content, address, number, reply, notes) and its caller's name. */
export interface TicketTexts {
  words: Array<string | null | undefined>;
  callerName?: string | null;
}

/** The rows of ticket_terms for one ticket's texts: [term, ticketId, src] each. */
export function termRows(ticketId: number, texts: TicketTexts): Array<[string, number, number]> {
  const src = new Map<string, number>();
  for (const text of texts.words) for (const term of indexTerms(text)) src.set(term, (src.get(term) ?? 0) | TERM_WORDS);
  for (const term of indexTerms(texts.callerName)) src.set(term, (src.get(term) ?? 0) | TERM_CALLER);
  return [...src].map(([term, bits]) => [term, ticketId, bits]);
}

/**
 * Writes a ticket's terms into ticket_terms in the caller's transaction (the search table the product maintains: see
 * docs/operations.md). Terms are only ever added: a reply replaced after an unsatisfied callback stays findable, as it
 * stays in the ticket's trail.
 */
export async function addTicketTerms(m: Sql, items: Array<{ ticketId: number; texts: TicketTexts }>): Promise<void> {
  await insertTicketTerms(
    m,
    items.flatMap((i) => termRows(i.ticketId, i.texts)),
  );
}

/** The free texts an audit line carries (a dispatch or urge note, a return reason, a reply). */
export function auditTexts(data: Record<string, unknown>): string[] {
  return ['note', 'reason', 'reply', 'text', 'response'].map((k) => data[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
