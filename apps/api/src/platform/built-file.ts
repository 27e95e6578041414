import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A compiled file beside the caller (`dir` is its __dirname): there when built, or in apps/api/dist when the caller runs
 * from the sources (tests). Worker threads load their script by file name; undefined when neither exists.
 */
export function builtFile(dir: string, name: string): string | undefined {
  return [dir, dir.replace(/([\\/]apps[\\/]api[\\/])src([\\/])/, '$1dist$2')].map((d) => join(d, name)).find((f) => existsSync(f));
}
