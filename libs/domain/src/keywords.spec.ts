import { KeywordTally, problemWords, topKeywords } from './keywords';

describe('problem keywords', () => {
  it('segments Chinese into words and drops stop words, numbers and single characters', () => {
    const w = problemWords('我们小区停水三天了，没有人管，自来水公司电话打不通。3号楼');
    expect(w).toEqual(expect.arrayContaining(['小区', '停水', '自来水']));
    expect(w).not.toContain('我们');
    expect(w).not.toContain('没有');
    expect(w).not.toContain('了');
    expect(w).not.toContain('3');
  });

  it('counts a word once per text and ranks by the number of texts', () => {
    const top = topKeywords(['停水停水停水停水', '小区停水', '噪音扰民，停水', '夜间施工噪音'], 2);
    expect(top).toEqual([
      { word: '停水', count: 3 },
      { word: '噪音', count: 2 },
    ]);
  });
});

describe('KeywordTally: the whole and its groups in one pass', () => {
  it('ranks as topKeywords does, for the whole and for each group, a word once per text, ties by the first seen', () => {
    // a fixed pseudo-random sample: 2,000 texts of 1-8 words from 40, often repeated within a text, in 5 groups and none
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const items = Array.from({ length: 2000 }, () => ({
      group: next(6) === 5 ? null : next(5),
      words: Array.from({ length: 1 + next(8) }, () => `词${next(40)}`),
    }));
    const tally = new KeywordTally<number>();
    for (const it of items) tally.add(it.words, it.group);
    expect(tally.top(20)).toEqual(topKeywords(items, 20, (it) => it.words));
    for (let g = 0; g < 5; g++) {
      expect([g, tally.top(10, g)]).toEqual([
        g,
        topKeywords(
          items.filter((it) => it.group === g),
          10,
          (it) => it.words,
        ),
      ]);
    }
    expect(tally.top(10, 9)).toEqual([]);
  });

  it('counts a word repeated within one text once, and the same word in the next text again', () => {
    const tally = new KeywordTally<string>();
    tally.add(['停水', '停水', '停水'], 'a');
    tally.add(['停水'], 'b');
    expect(tally.top(5)).toEqual([{ word: '停水', count: 2 }]);
    expect(tally.top(5, 'a')).toEqual([{ word: '停水', count: 1 }]);
  });
});
