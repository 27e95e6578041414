/**
 * Usernames have one canonical form, the same at creation and at sign-in: Unicode NFKC (full-width and other
 * compatibility forms become their plain letters), no surrounding whitespace, lower case. Characters that a reader
 * cannot see or that steer the text (controls, zero-width and other default-ignorable characters, bidi overrides,
 * line separators) are refused instead of being quietly dropped, so that no two
 * different inputs look alike on screen and reach one account under different counters.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

export function canonicalUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}

/** Why a username (as typed) cannot be one, or null. Checked on what was sent, before canonicalisation. */
export function usernameProblem(raw: string): string | null {
  return INVISIBLE.test(raw) ? 'username must not contain control or invisible characters' : null;
}
