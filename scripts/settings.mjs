// Reads the settings the scripts need: the environment first, then .env, then the contract's defaults.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Parses KEY=VALUE lines of .env (comments and blank lines allowed, optional quotes). */
export function readDotEnv(file = join(ROOT, '.env')) {
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** process.env with .env values filled in where the environment has none. */
export function settings() {
  const merged = { ...readDotEnv(), ...process.env };
  merged.DATABASE_URL ||= 'mysql://root@127.0.0.1:3306/hotline';
  merged.REDIS_URL ||= 'redis://127.0.0.1:6379';
  return merged;
}

export function log(msg) {
  process.stdout.write(`[hotline] ${msg}\n`);
}
