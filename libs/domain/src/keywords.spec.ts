import { problemWords, topKeywords } from './keywords';

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
