import { canonicalUsername, usernameProblem } from './username';

describe('canonical usernames', () => {
  it.each([
    ['supervisor', 'supervisor'],
    ['supervisor ', 'supervisor'],
    ['  SUPERVISOR  ', 'supervisor'],
    ['ｓｕｐｅｒｖｉｓｏｒ', 'supervisor'],
    ['ｈ－ｈｅａｌｔｈ', 'h-health'],
    ['Zhang.Wei', 'zhang.wei'],
  ])('%j -> %j', (raw, canonical) => {
    expect(canonicalUsername(raw)).toBe(canonical);
    expect(usernameProblem(raw)).toBeNull();
  });

  it('keeps accented letters: they are another name, not the same one', () => {
    expect(canonicalUsername('supervisör')).toBe('supervisör');
    expect(canonicalUsername('supervisör')).not.toBe('supervisor');
  });

  it.each(['agent\u0000', 'a\u200bgent', 'ag\u00adent', 'agent\u202e', 'age\tnt', 'agent\u2028', '\u2060agent', 'a\ufe0fgent'])('refuses %j', (raw) => {
    expect(usernameProblem(raw)).toMatch(/^username must not contain/);
  });
});
