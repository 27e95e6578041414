/** Cosine similarity of two bags of words (each word weighted by how often it occurs), 0..1. */
export function cosineSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const fa = frequencies(a);
  const fb = frequencies(b);
  let dot = 0;
  for (const [w, c] of fa) dot += c * (fb.get(w) ?? 0);
  if (dot === 0) return 0;
  return dot / (norm(fa) * norm(fb));
}

function frequencies(words: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function norm(f: Map<string, number>): number {
  let s = 0;
  for (const c of f.values()) s += c * c;
  return Math.sqrt(s);
}
