/**
 * Department routing: multinomial naive Bayes over words, trained on routed history.
 * Positive examples (a ticket replied by its department without being returned) add to that department's word
 * counts; negative examples (the department returned the ticket) take `NEGATIVE_WEIGHT` of their words away from
 * the department that returned it, floored at zero. Keyword rules add a fixed log-odds boost on top.
 * Pure: tokens come from the caller's segmenter, so the model is the same in the API, the job and the evaluation.
 */

export interface TrainingDoc {
  tokens: readonly string[];
  label: string;
  /** 1 for a correctly routed ticket, negative for evidence against `label` (a return). */
  weight: number;
}

export interface RoutingModel {
  version: string;
  trainedAt: string;
  labels: string[];
  /** Documents per label (positive weight only), for the prior. */
  docs: number[];
  /** word -> count per label (aligned with labels). */
  counts: Record<string, number[]>;
  /** Total word count per label. */
  totals: number[];
  /** How many training documents of each kind it saw. */
  positives: number;
  negatives: number;
  alpha: number;
}

export const NEGATIVE_WEIGHT = 0.5;
export const DEFAULT_ALPHA = 0.3;

export function trainRoutingModel(docs: Iterable<TrainingDoc>, labels: readonly string[], opts: { alpha?: number; version?: string; now?: Date } = {}): RoutingModel {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, number[]>();
  const docCounts = labels.map(() => 0);
  let positives = 0;
  let negatives = 0;
  for (const d of docs) {
    const i = index.get(d.label);
    if (i === undefined) continue;
    if (d.weight > 0) {
      docCounts[i] += d.weight;
      positives++;
    } else negatives++;
    const w = d.weight > 0 ? d.weight : -NEGATIVE_WEIGHT * Math.abs(d.weight);
    for (const t of d.tokens) {
      let row = counts.get(t);
      if (!row) counts.set(t, (row = labels.map(() => 0)));
      row[i] = Math.max(0, row[i] + w);
    }
  }
  const totals = labels.map(() => 0);
  const out: Record<string, number[]> = {};
  for (const [t, row] of counts) {
    if (row.every((c) => c === 0)) continue;
    out[t] = row.map((c) => Math.round(c * 1000) / 1000);
    row.forEach((c, i) => (totals[i] += c));
  }
  const now = opts.now ?? new Date();
  return {
    version: opts.version ?? now.toISOString(),
    trainedAt: now.toISOString(),
    labels: [...labels],
    docs: docCounts,
    counts: out,
    totals,
    positives,
    negatives,
    alpha: opts.alpha ?? DEFAULT_ALPHA,
  };
}

export interface LabelScore {
  label: string;
  /** Probability after rules, 0..1. */
  score: number;
  /** The words that spoke most for this label, strongest first. */
  evidence: string[];
}

/** A model's vocabulary size, counted once per model object (counting a large model's keys per call is slow). */
const vocabularies = new WeakMap<RoutingModel, number>();

/** Log-odds added to a label for each keyword rule of it that matched. */
export const RULE_BOOST = 2.5;

/**
 * Scores every label: log prior + sum of log P(word|label) over known words + RULE_BOOST per matched rule,
 * normalised to probabilities (divided by `temperature` first: above 1 tempers naive Bayes's overconfidence, which
 * grows with the number of features). A model without documents leaves the rules alone to decide (flat prior).
 */
export function scoreLabels(model: RoutingModel, tokens: readonly string[], ruleHits: ReadonlyMap<string, number> = new Map(), temperature = 1): LabelScore[] {
  const n = model.labels.length;
  let vocab = vocabularies.get(model);
  if (vocab === undefined) vocabularies.set(model, (vocab = Object.keys(model.counts).length || 1));
  const docsTotal = model.docs.reduce((a, b) => a + b, 0);
  const logs = model.labels.map((_, i) => (docsTotal > 0 ? Math.log((model.docs[i] + 1) / (docsTotal + n)) : 0));
  const evidence: Array<Array<[string, number]>> = model.labels.map(() => []);
  const denom = model.totals.map((t) => Math.log(t + model.alpha * vocab));
  const seen = new Set<string>();
  for (const t of tokens) {
    const row = model.counts[t];
    if (!row) continue;
    const rowTotal = row.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) {
      const lp = Math.log(row[i] + model.alpha) - denom[i];
      logs[i] += lp;
      if (!seen.has(t) && row[i] > 0) evidence[i].push([t, row[i] / rowTotal]);
    }
    seen.add(t);
  }
  model.labels.forEach((l, i) => (logs[i] += RULE_BOOST * (ruleHits.get(l) ?? 0)));
  const max = Math.max(...logs);
  const exps = logs.map((v) => Math.exp((v - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return model.labels
    .map((label, i) => ({
      label,
      score: exps[i] / sum,
      evidence: evidence[i]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([w]) => w),
    }))
    .sort((a, b) => b.score - a.score);
}
