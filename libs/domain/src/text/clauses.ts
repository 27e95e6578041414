/**
 * Where a phrase stands in a call: affirmed now, or only negated, wished away, feared, or past and settled.
 * "没有停水" is negated, "万一着火怎么办" hypothetical, "上个月漏气的事已经修好了" past: none of them is today's
 * emergency, though each names one. Rules and concepts ask this before a term counts.
 */

export type Mood = 'affirmed' | 'negated' | 'hypothetical' | 'past';

/** Words that, right before a term, say the thing did not happen: "没有停水". */
export const NEGATIONS = ['没有', '不是', '并非', '并未', '并没', '没', '未', '无', '不'];

/** Denials that reach a few words ahead: "不是有人晕倒". */
const DENIALS = ['不是', '并非', '没人', '没有人', '别误会'];

/** Before a term in its clause: the caller fears or asks about it, it has not happened. */
const HYPOTHETICAL = [
  '万一',
  '如果',
  '要是',
  '假如',
  '假设',
  '会不会',
  '会否',
  '是否',
  '以防',
  '以免',
  '防止',
  '预防',
  '避免',
  '怕',
  '担心会',
  '怎么防',
  '咋防',
  '有没有',
  '有无',
  '能不能',
];

/** In the term's clause: the event lies in the past. */
const PAST = [
  '上次',
  '上回',
  '上个月',
  '上月',
  '去年',
  '前年',
  '以前',
  '之前',
  '那次',
  '前段时间',
  '前些天',
  '前几个月',
  '几年前',
  '曾经',
  '上礼拜',
  '上个礼拜',
  '上周',
  '上个星期',
  '上星期',
  '前天',
  '前几天',
  '那天',
  '当时',
];

/** In the same clause, these bring a past-sounding clause back to today: "去年装的电梯今天卡住了". */
const NOW = ['今天', '现在', '刚才', '刚刚', '正在', '还在', '这会儿', '此刻', '马上', '又', '开始', '一直', '到现在', '至今', '还没'];

/** Anywhere in the call: the danger is over (the person was found, the leak repaired). */
export const SETTLED = [
  '已经找到',
  '找到了',
  '人找到',
  '已经回来了',
  '已经回家了',
  '已经到家',
  '平安回',
  '没事了',
  '已经修好',
  '修好了',
  '已经处理好',
  '处理好了',
  '已经灭了',
  '扑灭了',
  '已经救出来',
  '救出来了',
  '已经出院',
  '已经抢修好',
  '早就修好',
  '已经脱离危险',
  '找着了',
  '抢救过来',
  '出院回家',
  '早就好了',
  '早就灭了',
  '表扬',
  '锦旗',
  '感谢信',
  '已经没事',
  '都好了',
];

/** Clauses end at these: a comma keeps "万一着火" away from "楼道堆满了杂物". */
const CLAUSE_END = /[，,。！!？?；;\n…~～]/u;
const SENTENCE_END = /[。！!？?；;\n]/u;

export interface Clause {
  text: string;
  start: number;
  sentence: number;
  /** An earlier clause of the same sentence set the story in the past ("上个月我骑车上班，在路口被车撞了"). */
  pastStory: boolean;
}

/** The call cut into clauses, each knowing its sentence's index. */
export function clausesOf(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  let sentence = 0;
  let past = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === text.length || CLAUSE_END.test(ch)) {
      if (i > start) {
        const clause = text.slice(start, i);
        const now = NOW.some((n) => clause.includes(n));
        out.push({ text: clause, start, sentence, pastStory: past && !now });
        if (now) past = false;
        else if (PAST.some((p) => clause.includes(p))) past = true;
      }
      if (i < text.length && SENTENCE_END.test(ch)) {
        sentence++;
        past = false;
      }
      start = i + 1;
    }
  }
  return out;
}

/** The mood of the occurrence of `term` at `at` (an offset into `clause`). */
export function moodAt(clause: string, at: number, term: string, pastStory = false): Mood {
  const before = clause.slice(0, at);
  const near = clause.slice(Math.max(0, at - 3), at);
  // "没回来" starts with its own negation: it is the signal, not its denial
  if (!NEGATIONS.some((n) => term.startsWith(n)) && NEGATIONS.some((n) => near.endsWith(n))) return 'negated';
  // "不是有人晕倒", "也没人中毒": a denial a few words before the term, in the same clause
  if (DENIALS.some((d) => clause.slice(Math.max(0, at - 6), at).includes(d))) return 'negated';
  if (HYPOTHETICAL.some((h) => before.includes(h))) return 'hypothetical';
  if ((pastStory || PAST.some((p) => clause.includes(p))) && !NOW.some((n) => clause.includes(n))) return 'past';
  return 'affirmed';
}

/** A call that asks how something works (咨询) rather than reports what happens now. */
const INQUIRY = [
  '想问问',
  '想问一下',
  '想问下',
  '问一下',
  '想咨询',
  '咨询一下',
  '请问',
  '怎么申请',
  '如何申请',
  '去哪儿开',
  '去哪开',
  '找谁问',
  '找谁',
  '有没有个标准',
  '能不能申请',
  '怎么办理',
  '需要什么材料',
  '要不要登记',
  '收得对不对',
  '怎么预防',
  '有什么规定',
  '是怎么申请',
];
/** What says it is happening now and needs someone at once: an inquiry with these is a report after all. */
const NOW_URGENT = ['快来', '赶紧', '赶快', '马上', '快点', '求求', '救命', '麻溜', '快派人', '刚才', '正在', '现在还', '这会儿', '眼看'];

/** Whether the call is a question about how things work, without anything happening now. */
export function inquiryOnly(text: string): boolean {
  return INQUIRY.some((q) => text.includes(q)) && !NOW_URGENT.some((n) => text.includes(n));
}

/** Whether the call says the danger is over: the person found, the leak repaired. */
export function settled(text: string): string | null {
  return SETTLED.find((s) => text.includes(s)) ?? null;
}
