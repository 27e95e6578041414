/** A GeoReport v2 request's arguments (query string or form body): each given once, as text. */
export type Form = Readonly<Record<string, string | undefined>>;

/**
 * The arguments as the standard means them: an empty argument (`lat=&long=`, which many clients send for every field
 * they leave blank) is absent, and a repeated one (`status=open&status=closed`) is the comma-separated list it stands
 * for. Anything not a string (a form parser's oddities) is ignored.
 */
export function readForm(raw: unknown): Form {
  const form: Record<string, string> = {};
  if (!raw || typeof raw !== 'object') return form;
  for (const [k, v] of Object.entries(raw)) {
    const text = Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',') : typeof v === 'string' ? v : '';
    if (text.trim() !== '') form[k] = text;
  }
  return form;
}

/** A comma-separated argument as its members, blanks dropped. */
export function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
