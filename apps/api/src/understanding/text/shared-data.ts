import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The centre's starter data (../shared/data beside the project: real citizen messages with department labels and
 * messages with official replies). It is read where it lies and never copied into the product or the repository
 * (its README: evaluation and development only). SHARED_DATA_DIR names another directory; none found: rules only.
 */
export function sharedDataFile(name: string): string | null {
  if (process.env.SHARED_DATA_DIR) {
    const given = join(process.env.SHARED_DATA_DIR, name);
    return existsSync(given) ? given : null;
  }
  const candidates: string[] = [];
  // apps/api/{src,dist}/understanding/text -> the project root -> its sibling shared/data
  let dir = resolve(__dirname, '../../../../..');
  for (let up = 0; up < 3; up++, dir = dirname(dir)) candidates.push(join(dir, '..', 'shared', 'data', name));
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** The rows of a JSON-lines file; a line that does not parse is skipped. */
export function readJsonLines<T>(path: string): T[] {
  const rows: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as T);
    } catch {
      // a broken line is not worth failing a start for
    }
  }
  return rows;
}

export interface LabelledMessage {
  id: string;
  title: string;
  content: string;
  department: string;
}

export interface MessageWithReply {
  id: string;
  title: string;
  content: string;
  reply: string;
}
