import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Urgency } from '@hotline/contracts';
import type { CatalogueMatter } from '@hotline/domain';

/** A phone call of the team's corpus, labelled with its department and urgency (libs/knowledge/GUIDE.md). */
export interface LabelledCall {
  id: string;
  text: string;
  department: string;
  urgency: Urgency;
  voice?: string;
}

/** A starter knowledge-base article. */
export interface StarterArticle {
  title: string;
  body: string;
  tags: string[];
  department: string;
}

/**
 * The product's own starter knowledge (libs/knowledge/data, written by the team and reviewed like code): the
 * dispatch catalogue, the phone-call corpus the models learn from, and the starter knowledge-base articles. It ships
 * with the product (the API image copies it), so a fresh clone is a working centre without any outside data.
 * The held-out calls (data/heldout) are for the evaluation only and never read here.
 */
export function knowledgeDir(): string {
  if (process.env.KNOWLEDGE_DIR) return process.env.KNOWLEDGE_DIR;
  // apps/api/{src,dist}/understanding/knowledge -> the project root (also from dist's nested layout)
  let dir = resolve(__dirname);
  for (let up = 0; up < 10; up++, dir = dirname(dir)) {
    const candidate = join(dir, 'libs', 'knowledge', 'data');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('libs/knowledge/data not found beside the API: the starter knowledge ships with the product');
}

function jsonFiles(sub: string): string[] {
  const dir = join(knowledgeDir(), sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

function readRows<T>(file: string): T[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) return JSON.parse(text) as T[];
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const cache: { calls?: LabelledCall[]; catalogue?: CatalogueMatter[]; articles?: StarterArticle[] } = {};

export const starterCalls = (): LabelledCall[] => (cache.calls ??= jsonFiles('calls').flatMap((f) => readRows<LabelledCall>(f)));
export const starterCatalogue = (): CatalogueMatter[] => (cache.catalogue ??= jsonFiles('catalogue').flatMap((f) => readRows<CatalogueMatter>(f)));
export const starterArticles = (): StarterArticle[] => (cache.articles ??= jsonFiles('kb').flatMap((f) => readRows<StarterArticle>(f)));
/** The held-out evaluation calls: read by `npm run eval:understanding` only. */
export const heldOutCalls = (): LabelledCall[] => jsonFiles('heldout').flatMap((f) => readRows<LabelledCall>(f));
