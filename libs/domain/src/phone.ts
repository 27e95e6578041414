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

/** Masks every run of 7 or more digits in free text (log lines, URLs). */
export function maskPhonesInText(text: string): string {
  return text.replace(/\d{7,}/g, (m) => maskPhone(m));
}
