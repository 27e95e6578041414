import { clausesOf, inquiryOnly, moodAt, settled, type Clause, type Mood } from './clauses';
import { LEXICON, type LexiconName } from './emergency-lexicon';

export { LEXICON, type LexiconName } from './emergency-lexicon';

/**
 * Emergencies as concepts, not phrases. A situation is who is at risk × what threatens × how imminent, each a
 * named lexicon of everyday words, matched within two neighbouring sentences of the call, so that "我妈记性不好，
 * 早上出去买菜。到现在天黑了还没回来" is a vulnerable person missing although the caller never says 走失.
 * Situations follow the national emergency taxonomy (自然灾害, 事故灾难, 公共卫生事件, 社会安全事件) and the
 * individual life-safety situations a hotline meets. Pure data and functions: the same in the API and the evaluation.
 * The words of each lexicon are in emergency-lexicon.ts.
 */

/** How many neighbouring sentences a situation's groups may spread over (callers tell a story in pieces). */
export const WINDOW_SENTENCES = 3;

/** A situation: every group must have a term affirmed within a window of neighbouring sentences. */
export interface Situation {
  id: string;
  /** Shown in the reasons: 疑似老人或儿童走失. */
  label: string;
  /** The national taxonomy class or 个人生命安全. */
  category: '自然灾害' | '事故灾难' | '公共卫生事件' | '社会安全事件' | '个人生命安全';
  groups: readonly LexiconName[];
  /** Words that, in the same window, make the hit only a signal to confirm (a chimney's smoke is not a fire). */
  unless?: readonly string[];
}

export const SITUATIONS: readonly Situation[] = [
  { id: 'missing-vulnerable', label: '老人、儿童或病人下落不明', category: '个人生命安全', groups: ['vulnerable', 'missing'] },
  { id: 'unreachable-vulnerable', label: '老人、儿童或病人久未联系上', category: '个人生命安全', groups: ['vulnerable', 'missingWeak', 'elapsed'] },
  { id: 'self-harm', label: '有人可能轻生', category: '个人生命安全', groups: ['selfHarmStrong'] },
  { id: 'self-harm-place', label: '有人在高处情绪失控', category: '个人生命安全', groups: ['highPlace', 'distress'] },
  { id: 'violence', label: '暴力或劫持正在发生', category: '社会安全事件', groups: ['violence'] },
  { id: 'trapped', label: '有人被困', category: '事故灾难', groups: ['trapped'] },
  { id: 'lift-stuck', label: '电梯或游乐设施困人', category: '事故灾难', groups: ['lift', 'stuck'] },
  { id: 'medical', label: '急症或重伤', category: '个人生命安全', groups: ['medical'] },
  { id: 'mass-illness', label: '多人同餐同饮后发病', category: '公共卫生事件', groups: ['many', 'illness', 'sharedSource'] },
  { id: 'outbreak', label: '聚集性发病', category: '公共卫生事件', groups: ['cluster', 'outbreak'] },
  { id: 'tap-water', label: '饮用水异常', category: '公共卫生事件', groups: ['tapWater', 'waterBad', 'harm'] },
  { id: 'water-source', label: '饮用水源受污染', category: '事故灾难', groups: ['waterSource', 'waterHarm'] },
  { id: 'structure', label: '建筑、边坡或地面有失稳迹象', category: '事故灾难', groups: ['structure', 'failing', 'exposure', 'worsening'] },
  { id: 'wire', label: '电线断落或带电', category: '事故灾难', groups: ['wire', 'wireFault'] },
  { id: 'shock', label: '有人触电或设施漏电', category: '事故灾难', groups: ['shock'] },
  { id: 'fire', label: '火情', category: '事故灾难', groups: ['fire'], unless: ['烟囱', '秸秆', '烧轮胎', '焚烧', '烧垃圾', '油烟', '烧烤', '熏'] },
  { id: 'gas', label: '燃气泄漏', category: '事故灾难', groups: ['gas', 'gasSign'] },
  { id: 'gas-smell', label: '燃气泄漏', category: '事故灾难', groups: ['gasStrong'], unless: ['溪', '河里', '排污', '污水', '沟里', '管子里往'] },
  { id: 'chemical', label: '危险化学品泄漏', category: '事故灾难', groups: ['chemical', 'chemicalSign'] },
  { id: 'flood-people', label: '洪涝危及人员', category: '自然灾害', groups: ['flood', 'floodRising', 'floodPeople'] },
  { id: 'crash-injured', label: '交通事故有人受伤', category: '事故灾难', groups: ['crash', 'injured'] },
  { id: 'collapse', label: '坍塌或塌陷', category: '事故灾难', groups: ['collapse'] },
  { id: 'drowning', label: '有人落水', category: '个人生命安全', groups: ['drowning'] },
  { id: 'blast', label: '爆炸', category: '事故灾难', groups: ['blast'] },
  { id: 'pressure-vessel', label: '锅炉或压力容器失控', category: '事故灾难', groups: ['boiler', 'boilerSign'] },
  { id: 'radiation', label: '疑似放射源', category: '事故灾难', groups: ['radiation'] },
  { id: 'food-poison', label: '误食有毒食物', category: '公共卫生事件', groups: ['poisonFood', 'poisonSign'] },
  { id: 'exposed-cold', label: '有人在严寒中倒卧', category: '个人生命安全', groups: ['cold', 'lying'] },
  { id: 'lying-unresponsive', label: '有人倒卧无反应', category: '个人生命安全', groups: ['lying', 'unresponsive'] },
];

export interface SituationHit {
  situation: Situation;
  /** One term per group, in group order. */
  terms: string[];
  /** affirmed: every term affirmed now; otherwise the mood that held the strongest term back. */
  mood: Mood;
}

interface Occurrence {
  term: string;
  sentence: number;
  mood: Mood;
}

const RANK: Record<Mood, number> = { affirmed: 3, past: 1, hypothetical: 1, negated: 0 };

/**
 * Who else a "cannot reach" may be about: a tour guide, a head teacher or a landlord who does not answer is a
 * dispute, not a missing person. In the same clause as a missing term, these take it out.
 */
const NOT_THE_PERSON = [
  '导游',
  '园长',
  '老板',
  '亲戚',
  '施工队',
  '改造队',
  '师傅',
  '物业',
  '钥匙',
  '总阀',
  '房管所',
  '工头',
  '包工头',
  '中介',
  '商家',
  '店主',
  '客服',
  '司机',
  '房东',
  '旅行社',
  '车主',
  '主人',
  '经理',
  '负责人',
  '开发商',
  '厂家',
  '快递',
  '人就走',
  '几片',
];
const SUBJECT_BOUND: ReadonlySet<LexiconName> = new Set(['missing', 'missingWeak']);

/** Every occurrence of the lexicon's terms, with the sentence it stands in and its mood. */
function occurrences(clauses: readonly Clause[], terms: readonly string[], name?: LexiconName): Occurrence[] {
  const out: Occurrence[] = [];
  for (const c of clauses) {
    if (name && SUBJECT_BOUND.has(name) && NOT_THE_PERSON.some((w) => c.text.includes(w))) continue;
    for (const term of terms) {
      for (let at = c.text.indexOf(term); at >= 0; at = c.text.indexOf(term, at + term.length)) {
        out.push({ term, sentence: c.sentence, mood: moodAt(c.text, at, term, c.pastStory) });
      }
    }
  }
  return out;
}

/**
 * The situations the call describes. A hit whose terms are all affirmed within two neighbouring sentences is
 * `affirmed`; one whose terms are there but held back (negated, hypothetical, past) carries that mood, so the caller
 * can ask the agent to confirm instead of deciding alone.
 */
export function detectSituations(text: string, situations: readonly Situation[] = SITUATIONS): SituationHit[] {
  const clauses = clausesOf(text);
  const cache = new Map<LexiconName, Occurrence[]>();
  const occ = (name: LexiconName) => {
    let o = cache.get(name);
    if (!o) cache.set(name, (o = occurrences(clauses, LEXICON[name], name)));
    return o;
  };
  const sentences = clauses.length ? clauses[clauses.length - 1].sentence + 1 : 0;
  const hits: SituationHit[] = [];
  for (const situation of situations) {
    let best: SituationHit | null = null;
    let bestRank = -1;
    for (let s = 0; s < Math.max(1, sentences); s++) {
      const terms: string[] = [];
      let rank = 3;
      let mood: Mood = 'affirmed';
      for (const g of situation.groups) {
        const inWindow = occ(g).filter((o) => o.sentence >= s && o.sentence <= s + WINDOW_SENTENCES - 1);
        if (inWindow.length === 0) {
          rank = -1;
          break;
        }
        const pick = inWindow.reduce((a, b) => (RANK[b.mood] > RANK[a.mood] || (RANK[b.mood] === RANK[a.mood] && b.term.length > a.term.length) ? b : a));
        terms.push(pick.term);
        if (RANK[pick.mood] < rank) {
          rank = RANK[pick.mood];
          mood = pick.mood;
        }
      }
      if (rank === 3 && situation.unless) {
        const window = clauses
          .filter((c) => c.sentence >= s && c.sentence <= s + WINDOW_SENTENCES - 1)
          .map((c) => c.text)
          .join('');
        if (situation.unless.some((u) => window.includes(u))) {
          rank = 1;
          mood = 'hypothetical';
        }
      }
      if (rank > bestRank) {
        bestRank = rank;
        best = { situation, terms, mood };
      }
      if (bestRank === 3) break;
    }
    if (best && bestRank > 0) hits.push(best);
  }
  return hits;
}

export interface EmergencyAssessment {
  /** Situations affirmed now: the call is 特急 by concept. */
  affirmed: SituationHit[];
  /** Situations named but held back (hypothetical, past, or the call says it is over): a risk signal to confirm. */
  signals: SituationHit[];
  /** What the call said that settles it (已经找到, 修好了), when it did. */
  settledBy: string | null;
}

export function assessEmergency(text: string, situations: readonly Situation[] = SITUATIONS): EmergencyAssessment {
  const hits = detectSituations(text, situations);
  const settledBy = settled(text) ?? (inquiryOnly(text) ? '咨询' : null);
  const affirmed = settledBy ? [] : hits.filter((h) => h.mood === 'affirmed');
  const signals = hits.filter((h) => !affirmed.includes(h));
  return { affirmed, signals, settledBy };
}

export function describeSituation(h: SituationHit): string {
  return `${h.situation.label}（${h.situation.category}；${h.terms.join(' + ')}）`;
}
