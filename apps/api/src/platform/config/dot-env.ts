import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** KEY=VALUE lines (comments, blank lines, optional quotes), the same format scripts/settings.mjs reads. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/**
 * Fills the environment from `.env` in the directory the service starts in (the project root under every npm script)
 * where it has no value of its own: the environment always wins. Answers the file read, or null when there is none.
 */
export function applyDotEnv(env: NodeJS.ProcessEnv = process.env, file = join(process.cwd(), '.env')): string | null {
  if (!existsSync(file)) return null;
  for (const [k, v] of Object.entries(parseDotEnv(readFileSync(file, 'utf8')))) if (env[k] === undefined) env[k] = v;
  return file;
}
