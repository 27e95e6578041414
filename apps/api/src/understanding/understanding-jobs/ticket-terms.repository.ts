import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { segmenter } from '../text/segmenter';

/**
 * The words of each ticket's text (ticket_words), cut once after registration. Comparisons read them; a ticket
 * registered before they were kept (or whose job has not run yet) is cut on the spot, and that is all it costs.
 */
@Injectable()
export class TicketTerms {
  constructor(private readonly db: DataSource) {}

  /** Keeps the ticket's words and marks it understood (a repeat is harmless: the words of a text do not change). */
  async save(ticketId: number, terms: string[], at = new Date()): Promise<void> {
    await this.db.query('INSERT IGNORE INTO ticket_words (ticket_id, terms, understood_at) VALUES (?, ?, ?)', [ticketId, JSON.stringify(terms), at]);
  }

  /** The words of a row read with `termsColumn` (LEFT JOIN ticket_words), cutting its content when none were kept. */
  static of(row: { content: string; terms?: string | null }): string[] {
    if (row.terms) {
      try {
        return JSON.parse(row.terms) as string[];
      } catch {
        // a damaged row: cut the text again
      }
    }
    return segmenter().terms(row.content);
  }
}

/** The SQL to read a ticket's kept words beside it: `SELECT t.…, ${TERMS_COLUMN} FROM tickets t ${TERMS_JOIN}`. */
export const TERMS_COLUMN = 'tt.terms AS terms';
export const TERMS_JOIN = 'LEFT JOIN ticket_words tt ON tt.ticket_id = t.id';
