// Routing evaluation: k-fold cross-validation of the department model on ../shared/data/citizen-messages.jsonl,
// with baselines measured in the same run. Usage: npm run eval:routing [-- --folds 5 --seed 42]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../scripts/settings.mjs';
import { rng } from '../support.mjs';

const require = createRequire(import.meta.url);
const { Segmenter } = require(join(ROOT, 'apps/api/dist/understanding/text/segmenter.js'));
const { sharedDataFile, readJsonLines } = require(join(ROOT, 'apps/api/dist/understanding/text/shared-data.js'));
const { trainRoutingModel, scoreLabels, compileRules, matchRules, DEFAULT_DEPARTMENT_RULES } = require(join(ROOT, 'libs/domain/dist/index.js'));
const { DEPARTMENTS } = require(join(ROOT, 'libs/contracts/dist/index.js'));

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const FOLDS = arg('folds', 5);
const SEED = arg('seed', 42);

const file = sharedDataFile('citizen-messages.jsonl');
if (!file) {
  console.error('citizen-messages.jsonl not found: put the shared data beside the project (../shared/data) or set SHARED_DATA_DIR');
  process.exit(2);
}
const rows = readJsonLines(file);
const labels = DEPARTMENTS.map((d) => d.code);
const seg = new Segmenter();
const rules = compileRules(DEFAULT_DEPARTMENT_RULES);
console.log(`routing evaluation: ${rows.length} messages from ${file}, ${FOLDS}-fold, seed ${SEED}`);

let t0 = Date.now();
const docs = rows.map((r) => {
  const text = `${r.title}。${r.content}`;
  return { text, tokens: seg.routingFeatures(r.content, r.title), label: r.department, hits: ruleHits(text) };
});
console.log(`segmented in ${Date.now() - t0} ms`);

function ruleHits(text) {
  const m = new Map();
  for (const h of matchRules(text, rules)) m.set(h.rule.target, (m.get(h.rule.target) ?? 0) + 1);
  return m;
}

// Fixed-seed shuffle (mulberry32), then stratified round-robin into folds so each fold has every class.
const rand = rng(SEED);
const order = docs.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}
const fold = new Array(docs.length);
const perLabel = new Map();
for (const i of order) {
  const k = perLabel.get(docs[i].label) ?? 0;
  fold[i] = k % FOLDS;
  perLabel.set(docs[i].label, k + 1);
}

const systems = {
  'model + rules (product)': (model, d) => scoreLabels(model, d.tokens, d.hits).map((s) => s.label),
  'model only': (model, d) => scoreLabels(model, d.tokens).map((s) => s.label),
  'baseline: keyword rules only': (_m, d) => scoreLabels(trainRoutingModel([], labels), [], d.hits).map((s) => s.label),
  'baseline: most frequent class': (model) =>
    model.labels
      .map((l, i) => [l, model.docs[i]])
      .sort((a, b) => b[1] - a[1])
      .map(([l]) => l),
};
const results = Object.fromEntries(Object.keys(systems).map((k) => [k, { top1: 0, top3: 0 }]));
const confusion = new Map();
t0 = Date.now();
for (let k = 0; k < FOLDS; k++) {
  const train = docs.filter((_, i) => fold[i] !== k).map((d) => ({ tokens: d.tokens, label: d.label, weight: 1 }));
  const model = trainRoutingModel(train, labels);
  for (let i = 0; i < docs.length; i++) {
    if (fold[i] !== k) continue;
    const d = docs[i];
    for (const [name, rank] of Object.entries(systems)) {
      const ranked = rank(model, d);
      if (ranked[0] === d.label) results[name].top1++;
      if (ranked.slice(0, 3).includes(d.label)) results[name].top3++;
      if (name === 'model + rules (product)') {
        const key = `${d.label}>${ranked[0]}`;
        confusion.set(key, (confusion.get(key) ?? 0) + 1);
      }
    }
  }
  process.stdout.write(`fold ${k + 1}/${FOLDS} done\n`);
}
console.log(`trained and scored ${FOLDS} folds in ${Date.now() - t0} ms\n`);

const pctOf = (n) => `${((100 * n) / docs.length).toFixed(1)}%`;
console.log('| system | top-1 | top-3 |\n|---|---|---|');
for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${pctOf(r.top1)} | ${pctOf(r.top3)} |`);
console.log('\ntargets: top-1 >= 85%, top-3 >= 97%');

const present = labels.filter((l) => docs.some((d) => d.label === l));
const predicted = labels.filter((l) => present.includes(l) || [...confusion.keys()].some((k) => k.endsWith(`>${l}`)));
console.log(`\nconfusion matrix of the product (rows: true department, columns: top-1 prediction)`);
console.log(`| true \\ predicted | ${predicted.join(' | ')} | recall |`);
console.log(`|---|${predicted.map(() => '---').join('|')}|---|`);
for (const t of present) {
  const row = predicted.map((p) => confusion.get(`${t}>${p}`) ?? 0);
  const total = docs.filter((d) => d.label === t).length;
  console.log(`| ${t} (${total}) | ${row.join(' | ')} | ${((100 * (confusion.get(`${t}>${t}`) ?? 0)) / total).toFixed(0)}% |`);
}
