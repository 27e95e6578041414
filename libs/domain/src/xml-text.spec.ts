import { xmlSafeText } from './xml-text';

describe('xmlSafeText', () => {
  it('removes the C0 controls XML 1.0 forbids and keeps tab, line feed and carriage return', () => {
    expect(xmlSafeText('a\u0000b\u0007c\u000bd\u000ce\u001bf\u001fg')).toBe('abcdefg');
    expect(xmlSafeText('line\tone\r\nline two')).toBe('line\tone\r\nline two');
  });

  it('removes U+FFFE, U+FFFF and unpaired surrogates, and keeps paired ones (characters beyond the BMP)', () => {
    expect(xmlSafeText('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(xmlSafeText('a\uD800b\uDC00c')).toBe('abc');
    expect(xmlSafeText('𠮷野家 😀')).toBe('𠮷野家 😀');
    expect(xmlSafeText('\uDBFF')).toBe('');
  });

  it('leaves Chinese text, markup characters and DEL alone (XML 1.0 allows DEL; the writer escapes markup)', () => {
    expect(xmlSafeText('井盖缺失 <b> & "引号" \u007f')).toBe('井盖缺失 <b> & "引号" \u007f');
  });

  // XML 1.0, production [2]: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
  const isXmlChar = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

  it('answers only characters of the XML 1.0 Char production, for every UTF-16 code unit and a pair', () => {
    let all = '';
    for (let c = 0; c < 0x10000; c += 1) all += String.fromCharCode(c);
    all += '\uD83D\uDE00';
    const safe = xmlSafeText(all);
    expect([...safe].filter((ch) => !isXmlChar(ch.codePointAt(0)!))).toEqual([]);
    // and removes nothing else: the BMP less 29 controls, U+FFFE/U+FFFF and the lone surrogates, plus two pairs (the
    // appended one, and U+DBFF U+DC00 which meet in the run)
    expect([...safe].length).toBe(0x10000 - 29 - 2 - 2048 + 2);
  });
});
