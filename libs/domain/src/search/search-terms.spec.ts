import { MAX_QUERY_TERMS, MAX_TERM_LENGTH, indexTerms, queryTerms } from './search-terms';

describe('indexTerms', () => {
  it('cuts Chinese into overlapping bigrams and keeps the last character alone', () => {
    expect(indexTerms('小区停水')).toEqual(['小区', '区停', '停水', '水']);
  });

  it('keeps letters and digits as lower-cased whole words, punctuation as separators', () => {
    expect(indexTerms('幸福路88号 A-12栋')).toEqual(['幸福', '福路', '路', '88', '号', 'a', '12', '栋']);
  });

  it('reads full-width digits and letters as their ASCII forms', () => {
    expect(indexTerms('１３８０００００２２２ ＡＢ')).toEqual(['13800000222', 'ab']);
  });

  it('splits a ticket number into its day and sequence', () => {
    expect(indexTerms('20261121-000042')).toEqual(['20261121', '000042']);
  });

  it('gives each term once', () => {
    expect(indexTerms('停水停水')).toEqual(['停水', '水停', '水']);
  });

  it('cuts a very long word at MAX_TERM_LENGTH', () => {
    const [w] = indexTerms('x'.repeat(100));
    expect(w).toHaveLength(MAX_TERM_LENGTH);
  });

  it('has nothing for empty, null or punctuation-only text', () => {
    expect(indexTerms('')).toEqual([]);
    expect(indexTerms(null)).toEqual([]);
    expect(indexTerms('，。！%_\\')).toEqual([]);
  });
});

describe('queryTerms', () => {
  it('asks for every bigram of a phrase, exactly', () => {
    expect(queryTerms('停水')).toEqual([{ term: '停水', prefix: false }]);
    expect(queryTerms('小区停水')).toEqual(['小区', '区停', '停水'].map((term) => ({ term, prefix: false })));
  });

  it('asks for a lone Chinese character as a prefix', () => {
    expect(queryTerms('水')).toEqual([{ term: '水', prefix: true }]);
  });

  it('drops a prefix that an exact term already covers', () => {
    expect(queryTerms('水管 水')).toEqual([{ term: '水管', prefix: false }]);
  });

  it('asks for words and numbers whole, lower-cased', () => {
    expect(queryTerms('138-0000-2222')).toEqual(['138', '0000', '2222'].map((term) => ({ term, prefix: false })));
    expect(queryTerms('ABC')).toEqual([{ term: 'abc', prefix: false }]);
  });

  it('every query term of a text is among the index terms of a text containing it', () => {
    const text = '幸福小区3栋从早上开始停水，至今未恢复。联系电话 138-0000-2222';
    const indexed = new Set(indexTerms(text));
    for (const q of ['停水', '小区3栋', '早上开始', '至今未恢复', '138-0000-2222', '恢', '3栋']) {
      for (const t of queryTerms(q)) {
        expect([q, t.prefix ? [...indexed].some((i) => i.startsWith(t.term)) : indexed.has(t.term)]).toEqual([q, true]);
      }
    }
  });

  it('keeps at most MAX_QUERY_TERMS, the first and the last among them', () => {
    const terms = queryTerms('市民反映幸福小区三栋从早上开始停水至今未恢复');
    expect(terms).toHaveLength(MAX_QUERY_TERMS);
    expect(terms[0].term).toBe('市民');
    expect(terms[terms.length - 1].term).toBe('恢复');
  });

  it('has nothing to ask for punctuation or LIKE wildcards', () => {
    expect(queryTerms('%')).toEqual([]);
    expect(queryTerms('_ \\ ，')).toEqual([]);
  });
});
