/** Times as people at a Chinese hotline read them: Shanghai time, Chinese formats, every figure with its unit. */
const OFFSET_MS = 8 * 3600_000;

const parts = (at: Date | string | number) => {
  const d = new Date(new Date(at).getTime() + OFFSET_MS);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
};
const two = (n: number) => String(n).padStart(2, '0');

/** 2026年12月3日 18:30 (Asia/Shanghai). */
export function chineseDateTime(at: Date | string | number): string {
  const p = parts(at);
  return `${p.y}年${p.mo}月${p.day}日 ${two(p.h)}:${two(p.mi)}`;
}

/** 2026年12月3日: the Shanghai calendar day of a moment (a period's first day). */
export function chineseDate(at: Date | string | number): string {
  const p = parts(at);
  return `${p.y}年${p.mo}月${p.day}日`;
}

/** 12月3日 18:30: within the current year, where the year goes without saying. */
export function chineseShortDateTime(at: Date | string | number): string {
  const p = parts(at);
  return `${p.mo}月${p.day}日 ${two(p.h)}:${two(p.mi)}`;
}

/** 18:30:05 (Asia/Shanghai). */
export function chineseClock(at: Date | string | number): string {
  const p = parts(at);
  return `${two(p.h)}:${two(p.mi)}:${two(p.s)}`;
}

/** A length of time with its units: 2天3小时 / 1小时20分 / 3分20秒 / 0秒. */
export function chineseDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d}天${h}小时` : `${d}天`;
  if (h > 0) return `${h}小时${m}分`;
  if (m > 0) return `${m}分${s % 60}秒`;
  return `${s % 60}秒`;
}

/** Hours as an extension or an SLA policy states them: 24小时, 1.5小时, 2天 (whole days from 48 hours). */
export function chineseHours(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24}天`;
  return `${Number(hours.toFixed(2))}小时`;
}

/** 剩余 1小时20分 before the deadline, 超期 5分0秒 after it. */
export function timeLeft(dueAt: Date | string | number, now: number): string {
  const left = new Date(dueAt).getTime() - now;
  return left >= 0 ? `剩余 ${chineseDuration(left)}` : `超期 ${chineseDuration(left)}`;
}
