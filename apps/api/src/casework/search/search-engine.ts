/**
 * A search engine beside the database (docs/operations.md, "When to switch to a search engine"): it finds the tickets
 * whose words match, and the database stays the truth for everything else (filters, departments, the rows). Off by
 * default (`SEARCH_ENGINE=table`): the product's own term table answers every search.
 */
export interface SearchEngine {
  /** For logs and health: the engine's kind and address, without credentials. */
  readonly describe: string;
  /** Creates the index when it is missing; true when it was created (then it is empty and must be filled). */
  ensureIndex(): Promise<boolean>;
  /** Writes these documents and removes these tickets, in one request; a document older than the indexed one is kept out. */
  write(docs: SearchDocument[], removed: number[]): Promise<void>;
  /** Tickets whose words match every word of `text`, newest first (by id), below `beforeId`. */
  search(q: EngineQuery): Promise<EngineHits>;
}

/** What the engine keeps of a ticket: its words and, apart, its caller's name (searched by the centre only). */
export interface SearchDocument {
  id: number;
  /** Number, content, address and the free texts of its trail (notes, reasons, replies): the term table's words. */
  words: string[];
  callerName: string | null;
  /** Moved to the archive tables: live searches and archive searches each ask for their own. */
  archived: boolean;
  /** Grows with every change of the ticket's words (its newest trail line): an older document never replaces a newer. */
  version: number;
}

export interface EngineQuery {
  text: string;
  includeCaller: boolean;
  archived: boolean;
  beforeId?: number;
  size: number;
  /** Count the matches up to this many (the rest is "at least"); 0: no count. */
  countUpTo: number;
}

export interface EngineHits {
  ids: number[];
  /** Matches counted (all of them, or `countUpTo` when there are at least that many). */
  total: number;
}

/** The Nest token of the engine: null when searches use the term table alone. */
export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');
