import type { KbArticleDto } from '@hotline/contracts';
import type { Segmenter } from '../text/segmenter';

interface Entry {
  article: KbArticleDto;
  title: Set<string>;
  tags: Set<string>;
  body: Map<string, number>;
  length: number;
}

const TITLE_WEIGHT = 10;
const TAG_WEIGHT = 6;
const K1 = 1.2;
const B = 0.75;

/**
 * An in-memory inverted index of the knowledge base (one per API instance; 10,000 articles take a few MB).
 * Ranking: BM25 on the body, with a title hit worth far more than any body score and a tag hit more than a body
 * hit, so that title matches come first; then a small lift for recent and much-used articles.
 */
export class KbIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly postings = new Map<string, Set<number>>();
  private bodyLengthSum = 0;

  constructor(private readonly seg: Segmenter) {}

  get size(): number {
    return this.entries.size;
  }

  put(article: KbArticleDto): void {
    this.remove(article.id);
    const bodyTerms = this.seg.searchTerms(article.body);
    const body = new Map<string, number>();
    for (const t of bodyTerms) body.set(t, (body.get(t) ?? 0) + 1);
    const entry: Entry = {
      article,
      title: new Set(this.seg.searchTerms(article.title)),
      tags: new Set(article.tags.flatMap((t) => [t.toLowerCase(), ...this.seg.searchTerms(t)])),
      body,
      length: bodyTerms.length,
    };
    this.entries.set(article.id, entry);
    this.bodyLengthSum += entry.length;
    for (const t of new Set([...entry.title, ...entry.tags, ...body.keys()])) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Set()));
      p.add(article.id);
    }
  }

  remove(id: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    this.bodyLengthSum -= e.length;
    for (const t of new Set([...e.title, ...e.tags, ...e.body.keys()])) {
      const p = this.postings.get(t);
      p?.delete(id);
      if (p?.size === 0) this.postings.delete(t);
    }
  }

  get(id: number): KbArticleDto | undefined {
    return this.entries.get(id)?.article;
  }

  /** Matching articles, best first. `keep` filters (validity, department) before ranking. */
  search(
    query: string,
    keep: (a: KbArticleDto) => boolean,
    now: Date,
  ): Array<{ article: KbArticleDto; score: number; matched: { title: string[]; body: string[]; tags: string[] } }> {
    const terms = [...new Set(this.seg.searchTerms(query))];
    const n = this.entries.size || 1;
    const avg = this.bodyLengthSum / n || 1;
    const scores = new Map<number, { score: number; title: string[]; body: string[]; tags: string[] }>();
    for (const term of terms) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      for (const id of p) {
        const e = this.entries.get(id)!;
        let s = scores.get(id);
        if (!s) scores.set(id, (s = { score: 0, title: [], body: [], tags: [] }));
        if (e.title.has(term)) {
          s.score += TITLE_WEIGHT * idf;
          s.title.push(term);
        }
        if (e.tags.has(term)) {
          s.score += TAG_WEIGHT * idf;
          s.tags.push(term);
        }
        const tf = e.body.get(term);
        if (tf) {
          s.score += (idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * e.length) / avg));
          s.body.push(term);
        }
      }
    }
    const out = [];
    for (const [id, s] of scores) {
      const a = this.entries.get(id)!.article;
      if (!keep(a)) continue;
      const ageDays = Math.max(0, (now.getTime() - Date.parse(a.updatedAt)) / 86_400_000);
      const lift = 1 + 0.15 * Math.exp(-ageDays / 180) + 0.05 * Math.log1p(a.useCount);
      out.push({ article: a, score: Math.round(s.score * lift * 1000) / 1000, matched: { title: s.title, body: s.body, tags: s.tags } });
    }
    return out.sort((x, y) => y.score - x.score || y.article.useCount - x.article.useCount || y.article.updatedAt.localeCompare(x.article.updatedAt));
  }
}
