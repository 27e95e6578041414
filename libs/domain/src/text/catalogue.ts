import type { Urgency } from '@hotline/contracts';
import { clausesOf, moodAt } from './clauses';

/** A matter (事项) of the dispatch catalogue (派单目录): who owns it, how callers name it, what it is mistaken for. */
export interface CatalogueMatter {
  code: string;
  name: string;
  /** Department code of libs/contracts departments.ts. */
  department: string;
  /** The matter's default urgency, when it has one. */
  urgency: Urgency | null;
  terms: readonly string[];
  phrasings: readonly string[];
  confusable?: ReadonlyArray<{ name: string; department: string; hint: string }>;
}

export interface MatterHit {
  matter: CatalogueMatter;
  /** The matter's terms found in the call, longest first. */
  terms: string[];
  /** A phrasing the call resembles, when one does. */
  phrasing: string | null;
  score: number;
}

/** Han-character bigrams, the unit that survives wording nobody wrote down (煤气味 ~ 一股煤气的味道). */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** Each phrasing's distinct bigrams, computed once per matter object. */
const phrasingGrams = new WeakMap<CatalogueMatter, string[][]>();

/** Share of the phrasing's bigrams that the call contains, 0..1. */
function containment(callBigrams: ReadonlySet<string>, grams: readonly string[]): number {
  if (grams.length === 0) return 0;
  let n = 0;
  for (const g of grams) if (callBigrams.has(g)) n++;
  return n / grams.length;
}

/** The least score that makes a matter a match: two terms, a long term, or a close phrasing. */
export const MATTER_MIN_SCORE = 2;

/**
 * The catalogue's matters the call is about, best first: each term found (not negated) counts 1, a term of 4
 * characters or more 2, and a phrasing of which the call holds most bigrams 2 more.
 */
export function matchCatalogue(text: string, matters: readonly CatalogueMatter[], limit = 3): MatterHit[] {
  const clauses = clausesOf(text.toLowerCase());
  const bigrams = new Set(charBigrams(text));
  const lower = text.toLowerCase();
  const memo = new Map<string, boolean>();
  const found = (term: string) => {
    let v = memo.get(term);
    if (v === undefined) {
      v =
        lower.includes(term) &&
        clauses.some((c) => {
          for (let at = c.text.indexOf(term); at >= 0; at = c.text.indexOf(term, at + 1)) if (moodAt(c.text, at, term) !== 'negated') return true;
          return false;
        });
      memo.set(term, v);
    }
    return v;
  };
  const hits: MatterHit[] = [];
  for (const matter of matters) {
    const terms = matter.terms.filter((t) => t.length >= 2 && found(t.toLowerCase())).sort((a, b) => b.length - a.length);
    let score = terms.reduce((s, t) => s + (t.length >= 4 ? 2 : 1), 0);
    let phrasing: string | null = null;
    let grams = phrasingGrams.get(matter);
    if (!grams) phrasingGrams.set(matter, (grams = matter.phrasings.map((p) => [...new Set(charBigrams(p))])));
    for (let i = 0; i < grams.length; i++) {
      if (containment(bigrams, grams[i]) >= 0.6) {
        phrasing = matter.phrasings[i];
        score += 2;
        break;
      }
    }
    if (score >= MATTER_MIN_SCORE) hits.push({ matter, terms, phrasing, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.matter.code.localeCompare(b.matter.code)).slice(0, limit);
}

export function describeMatter(h: MatterHit): string {
  const what = [...h.terms.slice(0, 3), ...(h.phrasing ? [`近似“${h.phrasing}”`] : [])];
  return `${h.matter.name}（命中：${what.join('、')}）`;
}

/** A matter as training text for the routing model: its name, terms and phrasings. */
export function matterText(m: CatalogueMatter): string {
  return [m.name, ...m.terms, ...m.phrasings].join('。');
}

/** Log-odds a catalogue match adds to its department per point of match score, and the most one match adds. */
export const MATTER_BOOST_PER_POINT = 1;
export const MATTER_BOOST_MAX = 5;

/**
 * What the department rules and the catalogue add to each department before the model's words speak, in units of
 * the routing model's RULE_BOOST: one per matched rule, a catalogue match by its score.
 */
export function departmentBoosts(ruleTargets: readonly string[], matters: readonly MatterHit[], ruleBoost: number): Map<string, number> {
  const boost = new Map<string, number>();
  for (const t of ruleTargets) boost.set(t, (boost.get(t) ?? 0) + 1);
  for (const h of matters) boost.set(h.matter.department, (boost.get(h.matter.department) ?? 0) + Math.min(MATTER_BOOST_MAX, h.score * MATTER_BOOST_PER_POINT) / ruleBoost);
  return boost;
}
