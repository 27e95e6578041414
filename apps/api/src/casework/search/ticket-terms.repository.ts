/** Anything that runs SQL: an EntityManager inside a transaction, a QueryRunner in a migration. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * The writes of `ticket_terms` (the search's reads are TicketSearchRepository's): rows [term, ticketId, src], inserted
 * in the caller's transaction, 2,000 a statement; a term already kept for the ticket gains the new bits of `src`. A
 * function, not an injected class: the audit trail and a migration (with its QueryRunner) write terms too.
 */
export async function insertTicketTerms(m: Sql, rows: Array<[string, number, number]>): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await m.query(
      `INSERT INTO ticket_terms (term, ticket_id, src) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')} ON DUPLICATE KEY UPDATE src = src | VALUES(src)`,
      chunk.flat(),
    );
  }
}
