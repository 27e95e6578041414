import { DEPARTMENTS, URGENCIES } from '@hotline/contracts';
import { heldOutCalls, starterArticles, starterCalls, starterCatalogue } from './starter-knowledge';

const codes = DEPARTMENTS.map((d) => d.code);
const PLACEHOLDER = /[A-Z]市|[A-Z]\d*[县区]|某某|XX/;

describe('the starter knowledge in libs/knowledge', () => {
  it('the corpus: at least 60 labelled calls for every department, valid labels, no duplicates, no placeholders', () => {
    const calls = starterCalls();
    for (const code of codes) expect(calls.filter((c) => c.department === code).length).toBeGreaterThanOrEqual(60);
    for (const c of calls) {
      expect(codes).toContain(c.department);
      expect(URGENCIES).toContain(c.urgency);
      expect(c.text.length).toBeGreaterThan(10);
      expect(c.text).not.toMatch(PLACEHOLDER);
    }
    expect(new Set(calls.map((c) => c.text)).size).toBe(calls.length);
    expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
    // every level is learnt from, in every voice of emergency
    expect(calls.filter((c) => c.urgency === 'extra_urgent').length).toBeGreaterThanOrEqual(100);
  });

  it('the held-out calls stay apart: none of them is in the corpus the models learn from', () => {
    const heldOut = heldOutCalls();
    expect(heldOut.length).toBeGreaterThanOrEqual(260);
    const corpus = new Set(starterCalls().map((c) => c.text));
    expect(heldOut.filter((c) => corpus.has(c.text))).toEqual([]);
  });

  it('the catalogue: 300+ matters over all 13 departments, unique codes, terms and phrasings, valid look-alikes', () => {
    const matters = starterCatalogue();
    expect(matters.length).toBeGreaterThanOrEqual(300);
    expect(new Set(matters.map((m) => m.department))).toEqual(new Set(codes));
    expect(new Set(matters.map((m) => m.code)).size).toBe(matters.length);
    for (const m of matters) {
      expect(m.terms.length).toBeGreaterThan(0);
      expect(m.phrasings.length).toBeGreaterThan(0);
      expect(m.urgency === null || URGENCIES.includes(m.urgency)).toBe(true);
      for (const c of m.confusable ?? []) expect(codes).toContain(c.department);
    }
  });

  it('the knowledge base: at least 10 real-looking articles per department', () => {
    const articles = starterArticles();
    for (const code of codes) expect(articles.filter((a) => a.department === code).length).toBeGreaterThanOrEqual(10);
    for (const a of articles) {
      expect(a.body.length).toBeGreaterThanOrEqual(100);
      expect(`${a.title}${a.body}`).not.toMatch(PLACEHOLDER);
      expect(a.body).not.toContain('已转交相关部门');
    }
  });
});
