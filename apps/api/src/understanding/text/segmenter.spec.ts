import { topKeywords } from '@hotline/domain';
import { Segmenter } from './segmenter';

const seg = new Segmenter();

describe('words for hotspot labels and weekly keywords', () => {
  it('drop when-and-how words (早上, 开始) and keep the problem', () => {
    expect(seg.terms('小区里停水了，从早上开始就没水')).toEqual(expect.arrayContaining(['小区', '停水']));
    expect(seg.terms('小区里停水了，从早上开始就没水')).not.toEqual(expect.arrayContaining(['早上']));
    expect(seg.terms('从早上开始一直停电')).not.toContain('开始');
  });

  it('never cut a fragment out of a place word (道里 from 楼道里)', () => {
    const words = seg.terms('幸福家园3栋楼道里一股煤气味');
    expect(words).toContain('楼道');
    expect(words).not.toContain('道里');
  });

  it('label a burst of similar calls by their problem', () => {
    const calls = ['锦绣家园从早上开始停水了', '早上开始锦绣家园就停水', '锦绣家园停水到现在，早上开始的'];
    const top = topKeywords(calls, 5, (t) => seg.terms(t)).map((k) => k.word);
    expect(top).toContain('停水');
    expect(top).not.toContain('早上');
    expect(top).not.toContain('开始');
  });
});
