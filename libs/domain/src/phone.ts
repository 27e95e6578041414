/**
 * Chinese phone numbers as a caller ID or an agent types them:
 * mobiles (13x..19x, 11 digits, optionally +86 / 0086), landlines with an area code
 * (010 / 02x / 0xxx followed by a 7-8 digit local number) and local landlines (7-8 digits).
 * Spaces and hyphens are separators.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/;
const LOCAL = /^[2-9]\d{6,7}$/;

/** Digits only, country prefix removed; null when the text is not a Chinese phone number. */
export function normalizePhone(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 32) return null;
  let s = raw.replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  if (!/^\d+$/.test(s)) return null;
  return MOBILE.test(s) || LANDLINE.test(s) || LOCAL.test(s) ? s : null;
}

export function isChinesePhone(raw: string): boolean {
  return normalizePhone(raw) !== null;
}

/** Keeps the first 3 and last 4 digits: 13812345678 -> 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** A digit as free text or a URL may spell it: ASCII, full-width, or percent-encoded (%30-%39). */
const DIGIT = '(?:[0-9\uff10-\uff19]|%3[0-9])';
/** What people put between the groups of a number: spaces, dashes, dots, brackets, a URL's + and their %-encodings. */
const SEPARATOR = '(?:[ \u3000\\-\u2010-\u2015.\u00b7()\uff08\uff09\uff0d+]|%20|%2[bBdDeE]|%28|%29)';
/** A run's tokens, separators tried first: the 2 and 0 of %20 are not digits. */
const TOKEN = new RegExp(`(${SEPARATOR})|(${DIGIT}+)`, 'g');
/** Digit groups joined by separators; never starting inside a %-escape. */
const CANDIDATE = new RegExp(`(?<!%[0-9A-Fa-f]?)${DIGIT}+(?:${SEPARATOR}{1,3}${DIGIT}+)*`, 'g');
/** Dates, times and ticket numbers look like digit groups but are nobody's phone: kept as they are. */
const NOT_A_PHONE = /(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}|\d{8}-\d{6}|\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?/g;

function asciiDigits(spelled: string): string {
  return spelled.replace(/%3([0-9])/g, '$1').replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10));
}

/** Masks the phone numbers within one run of digit groups: any group of 7+ digits, and groups that together spell a number. */
function maskCandidate(run: string): string {
  const groups = [...run.matchAll(TOKEN)].filter((m) => m[2] !== undefined).map((m) => ({ start: m.index, end: m.index + m[0].length, digits: asciiDigits(m[0]) }));
  const masked = new Array<boolean>(groups.length).fill(false);
  const spans: Array<[number, number]> = [];
  groups.forEach((g, i) => {
    if (g.digits.length >= 7) {
      spans.push([i, i]);
      masked[i] = true;
    }
  });
  // groups that together spell a number: the longest first (a mobile number beats a local one hiding inside it)
  const found: Array<[number, number, number]> = [];
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length && digits.length < 16; j++) {
      digits += groups[j].digits;
      if (j > i && normalizePhone(digits)) found.push([i, j, digits.length]);
    }
  }
  found.sort((a, b) => b[2] - a[2] || a[0] - b[0]);
  for (const [i, j] of found) {
    if (masked.slice(i, j + 1).some(Boolean)) continue;
    spans.push([i, j]);
    for (let k = i; k <= j; k++) masked[k] = true;
  }
  if (!spans.length) return run;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [i, j] of spans) {
    out +=
      run.slice(at, groups[i].start) +
      maskPhone(
        groups
          .slice(i, j + 1)
          .map((g) => g.digits)
          .join(''),
      );
    at = groups[j].end;
  }
  return out + run.slice(at);
}

/**
 * Masks phone-like numbers in free text (log lines, URLs, what departments read of a confidential ticket), however
 * they are spelled: a run of 7 or more digits, or digit groups with separators that together make a Chinese phone
 * number (138-0000-1111, +86 138 0000 1111, (0755) 2345-6789), in ASCII, full-width or %-encoded digits.
 * Dates, times and ticket numbers are left alone.
 */
export function maskPhonesInText(text: string): string {
  const kept: string[] = [];
  const shielded = text.replace(NOT_A_PHONE, (m) => `\u0000${kept.push(m) - 1}\u0000`);
  const masked = shielded.replace(CANDIDATE, (run) => maskCandidate(run));
  return kept.length ? masked.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]) : masked;
}
