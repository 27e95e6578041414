/**
 * Words that say nothing about the problem: function words, politeness, and the vocabulary every complaint shares.
 * Single characters are dropped anyway.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '我们',
  '你们',
  '他们',
  '我的',
  '自己',
  '这个',
  '那个',
  '这些',
  '那些',
  '什么',
  '怎么',
  '为什么',
  '如何',
  '没有',
  '不是',
  '就是',
  '还是',
  '但是',
  '因为',
  '所以',
  '如果',
  '已经',
  '现在',
  '一直',
  '可以',
  '能否',
  '希望',
  '请求',
  '要求',
  '反映',
  '问题',
  '情况',
  '相关',
  '部门',
  '有关',
  '进行',
  '处理',
  '解决',
  '谢谢',
  '您好',
  '你好',
  '请问',
  '市民',
  '来电',
  '咨询',
  '投诉',
  '举报',
  '建议',
  '表扬',
  '一个',
  '多次',
  '至今',
  '目前',
  '以及',
  '或者',
  '并且',
  '而且',
  '然后',
  '时候',
  '的话',
  '一下',
  '这样',
  '那样',
  '非常',
  '严重',
  '影响',
  '尽快',
  '领导',
  '政府',
  '工作',
  '人员',
  '有人',
  '没人',
  '不能',
  '不到',
  '不了',
  '今天',
  '昨天',
  '每天',
  '本人',
  '其他',
  '其中',
  '对于',
  '关于',
  '通过',
  // when and how it was said, not what the problem is: a hotspot is never called 早上 or 开始
  '早上',
  '晚上',
  '中午',
  '上午',
  '下午',
  '半夜',
  '凌晨',
  '傍晚',
  '开始',
  '几天',
  '好几天',
  '这几天',
  '前几天',
  '最近',
  '刚才',
  '刚刚',
  '马上',
  '赶紧',
  '一下子',
  '半天',
  '天天',
  '经常',
  '总是',
  '每次',
  '还有',
  '出来',
  '起来',
  '知道',
  '觉得',
  '感觉',
  '好像',
  '时间',
  '这边',
  '那边',
  '这里',
  '那里',
  '里面',
  '外面',
  '东西',
  '事情',
  '地方',
  '师傅',
  '同志',
  '麻烦',
  '帮忙',
  '看看',
  '一下下',
  '不行',
  '怎么办',
  '到底',
]);

let segmenter: Intl.Segmenter | undefined;

/** Chinese words of a text (ICU's dictionary segmentation), without stop words, numbers or single characters. */
export function problemWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const s of segmenter.segment(text)) {
    const w = s.segment;
    if (!s.isWordLike || w.length < 2 || STOP_WORDS.has(w) || /^[\d\p{P}A-Za-z]+$/u.test(w)) continue;
    words.push(w);
  }
  return words;
}

/**
 * The most frequent problem words over several texts, each text counting a word once. Ties: the word first seen.
 * `words` segments a text (the API passes its jieba segmenter; ICU's is the fallback).
 */
export function topKeywords(texts: Iterable<string>, n: number, words?: (text: string) => string[]): Array<{ word: string; count: number }>;
/** The same over items whose words are known already (`words` gives them). */
export function topKeywords<T>(texts: Iterable<T>, n: number, words: (item: T) => string[]): Array<{ word: string; count: number }>;
export function topKeywords(texts: Iterable<unknown>, n: number, words: (item: any) => string[] = problemWords): Array<{ word: string; count: number }> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const w of new Set(words(text))) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, n);
}

/**
 * topKeywords for the whole and for groups of it at once, in one pass and without a Set per text (the weekly report:
 * the centre and each department, over up to a million tickets). A word counts once per text; the ranking is
 * topKeywords' (by count, ties by the word first seen, in the whole or in the group).
 */
export class KeywordTally<G> {
  private readonly total = new Map<string, number>();
  private readonly groups = new Map<G, Map<string, number>>();
  /** The last text each word was counted for: a repeat within the same text is skipped. */
  private readonly lastText = new Map<string, number>();
  private texts = 0;

  /** One text's words, in the whole and, when it belongs to one, in its group. */
  add(words: readonly string[], group?: G | null): void {
    const text = ++this.texts;
    let counts: Map<string, number> | undefined;
    if (group !== undefined && group !== null) {
      counts = this.groups.get(group);
      if (!counts) this.groups.set(group, (counts = new Map()));
    }
    for (const w of words) {
      if (this.lastText.get(w) === text) continue;
      this.lastText.set(w, text);
      this.total.set(w, (this.total.get(w) ?? 0) + 1);
      if (counts) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }

  /** The `n` most frequent words of the whole, or of one group (none when it had no text). */
  top(n: number, group?: G): Array<{ word: string; count: number }> {
    const counts = group === undefined ? this.total : this.groups.get(group);
    if (!counts) return [];
    return [...counts]
      .map(([word, count]) => ({ word, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, n);
  }
}
