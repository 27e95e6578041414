import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDotEnv, parseDotEnv } from './dot-env';

describe('.env', () => {
  it('reads KEY=VALUE lines, quotes, comments and export', () => {
    expect(parseDotEnv('# c\nA=1\n  B = "two words" \nexport C=\'x\'\n\nlower=no\n')).toEqual({ A: '1', B: 'two words', C: 'x' });
  });

  it('fills only what the environment leaves unset', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dotenv-')), '.env');
    writeFileSync(file, 'PORT=4000\nJWT_SECRET=from-file-0123456789\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(applyDotEnv(env, file)).toBe(file);
    expect(env).toEqual({ PORT: '5000', JWT_SECRET: 'from-file-0123456789' });
    expect(applyDotEnv(env, `${file}.missing`)).toBeNull();
  });
});
