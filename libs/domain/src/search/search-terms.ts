/**
 * The words of a ticket for the product's own search index (ticket_terms): Chinese text as overlapping character
 * bigrams, letters and digits as whole words. MariaDB has no CJK full-text parser, so the index is a table of these
 * terms (term, ticket_id) that a search reads by its primary key; the same table works on MySQL 8.
 *
 * Indexed: every bigram of a run of Chinese characters, and the run's last character alone, so that a one-character
 * search is a prefix read (`term LIKE '水%'`) that still finds that character at any position. Letter-and-digit runs
 * are lower-cased words (`A-12` is `a` and `12`); a search for digits finds whole numbers, not parts of them.
 */

/** Longest term kept (the column's width); a longer word is cut, in the index and in the search alike. */
export const MAX_TERM_LENGTH = 32;
/** Most terms a search looks up: each is one join, so a long query keeps its first, last and evenly spread terms. */
export const MAX_QUERY_TERMS = 6;

const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const HAN = /^\p{Script=Han}+$/u;

function runs(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase().matchAll(RUN)].map((m) => m[0]);
}

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  out.push(chars[chars.length - 1]);
  return out;
}

function cut(word: string): string {
  return [...word].slice(0, MAX_TERM_LENGTH).join('');
}

/** The distinct terms of a text, for the index. */
export function indexTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const run of runs(text)) {
    if (HAN.test(run)) for (const b of bigrams(run)) out.add(b);
    else out.add(cut(run));
  }
  return [...out];
}

/** One term a search looks up: `exact` matches the term, `prefix` any term starting with it (a lone Chinese character). */
export interface QueryTerm {
  term: string;
  prefix: boolean;
}

/**
 * What a search text asks the index for: every term must be present in the ticket (in any of its indexed fields).
 * Empty when the text has no letter, digit or Chinese character (punctuation alone finds nothing).
 */
export function queryTerms(text: string): QueryTerm[] {
  const seen = new Map<string, QueryTerm>();
  for (const run of runs(text)) {
    if (HAN.test(run)) {
      const chars = [...run];
      if (chars.length === 1) seen.set(run, { term: run, prefix: true });
      else for (let i = 0; i + 1 < chars.length; i++) seen.set(chars[i] + chars[i + 1], { term: chars[i] + chars[i + 1], prefix: false });
    } else {
      const w = cut(run);
      seen.set(w, { term: w, prefix: false });
    }
  }
  // a prefix term is redundant when an exact term starts with it (水 within 水管)
  const all = [...seen.values()].filter((q) => !q.prefix || ![...seen.values()].some((o) => !o.prefix && o.term.startsWith(q.term)));
  if (all.length <= MAX_QUERY_TERMS) return all;
  const picked = new Set<number>();
  for (let i = 0; i < MAX_QUERY_TERMS; i++) picked.add(Math.round((i * (all.length - 1)) / (MAX_QUERY_TERMS - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => all[i]);
}
