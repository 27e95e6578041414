import { createApp, StartupError } from '../../apps/api/src/bootstrap';
import { ConfigError, loadEnv } from '../../apps/api/src/platform/config/env.dto';

const base = { JWT_SECRET: 'x'.repeat(32) };

describe('settings are checked at boot', () => {
  it.each([
    [{}, /JWT_SECRET/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 16/],
    [{ ...base, PORT: 'eighty' }, /PORT/],
    [{ ...base, PORT: '70000' }, /PORT/],
    [{ ...base, DATABASE_URL: 'postgres://x/y' }, /DATABASE_URL/],
    [{ ...base, REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ ...base, SLA_SECONDS_PER_HOUR: '0' }, /SLA_SECONDS_PER_HOUR/],
    [{ ...base, SLA_SECONDS_PER_HOUR: 'fast' }, /SLA_SECONDS_PER_HOUR/],
    [{ ...base, SEED_DEMO: 'yes' }, /SEED_DEMO must be true or false/],
  ])('%j -> one line naming the variable', (env, message) => {
    expect(() => loadEnv(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    try {
      loadEnv(env);
    } catch (e) {
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('applies the contract defaults', () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/hotline',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      SLA_SECONDS_PER_HOUR: 3600,
      SEED_DEMO: false,
      DEMO_PASSWORD: 'demo12345',
    });
    expect(loadEnv({ ...base, SLA_SECONDS_PER_HOUR: '0.5', SEED_DEMO: 'true' })).toMatchObject({ SLA_SECONDS_PER_HOUR: 0.5, SEED_DEMO: true });
  });

  it('an unreachable MySQL stops start-up naming its address', async () => {
    const env = loadEnv({ ...base, DATABASE_URL: 'mysql://root@127.0.0.1:1/hotline', REDIS_URL: process.env.REDIS_URL });
    await expect(createApp(env)).rejects.toThrow(StartupError);
    await expect(createApp(env)).rejects.toThrow(/Cannot reach MySQL at 127\.0\.0\.1:1\/hotline \(DATABASE_URL\)/);
  });

  it('an unreachable Redis stops start-up naming its address', async () => {
    const env = loadEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: process.env.DATABASE_URL });
    await expect(createApp(env)).rejects.toThrow(/Cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\)/);
  });

  it('a wrong MySQL password is reported without echoing the password', async () => {
    const env = loadEnv({ ...base, DATABASE_URL: 'mysql://nobody:s3cret-pw@127.0.0.1:3306/hotline', REDIS_URL: process.env.REDIS_URL });
    const err = await createApp(env).catch((e: Error) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(/Cannot reach MySQL at 127\.0\.0\.1:3306/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });
});

describe('health', () => {
  it('answers 503 naming the part that is down when the Redis connection is lost', async () => {
    const { startTestApp } = await import('../support/test-app');
    const { REDIS } = await import('../../apps/api/src/platform/redis/redis.module');
    const t = await startTestApp();
    try {
      expect((await t.req('GET', '/api/v1/health')).status).toBe(200);
      t.app.get(REDIS).disconnect();
      const res = await t.req('GET', '/api/v1/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', mysql: 'up', redis: 'down' });
      const ready = await t.req('GET', '/api/v1/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', mysql: 'up', redis: 'down' });
    } finally {
      await t.close();
    }
  });

  it('turns readiness 503 while draining, and only readiness', async () => {
    const { startTestApp } = await import('../support/test-app');
    const { Drain } = await import('../../apps/api/src/platform/health/drain.service');
    const t = await startTestApp();
    try {
      const before = await t.req('GET', '/api/v1/health/ready');
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ status: 'ok', mysql: 'up', redis: 'up', queue: 'up', slaWorkers: expect.any(Number), delayedTimers: expect.any(Number) });
      t.app.get(Drain).draining = true;
      const ready = await t.req('GET', '/api/v1/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', mysql: 'up', redis: 'up', queue: 'up' });
      expect((await t.req('GET', '/api/v1/health')).status).toBe(200);
      expect((await t.req('GET', '/api/v1/health/live')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('.env (issue 16, finding 14)', () => {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const { mkdtempSync, writeFileSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const ROOT = join(__dirname, '../..');

  it('every start script runs the API through its main (which reads .env) or through the scripts that read it', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const starts = Object.entries(scripts).filter(([name]) => name === 'start' || name.startsWith('start:') || name === 'cluster');
    expect(starts.length).toBeGreaterThanOrEqual(3);
    for (const [name, command] of starts) {
      const runs = command.match(/node (\S+)/)![1];
      expect([name, runs === 'apps/api/dist/main.js' || /scripts\/(start|cluster)\.mjs/.test(runs)]).toEqual([name, true]);
    }
  });

  it('the API started as npm run start:api starts it reads .env from where it starts, and the environment wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-dotenv-'));
    const db = new URL(process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/hotline');
    db.pathname = `/hotline_test_dotenv_${process.env.TEST_RUN_TAG ?? 'x'}`;
    writeFileSync(
      join(dir, '.env'),
      `# written by the test\nJWT_SECRET="from-dotenv-0123456789abcdef"\nPORT=0\nDATABASE_URL=${db}\nSLA_ROLE=api\nLOG_LEVEL=warn\nQUEUE_PREFIX=wrong-prefix\n`,
    );
    const env = { ...process.env, QUEUE_PREFIX: `{hotline-dotenv-${process.env.TEST_RUN_TAG ?? 'x'}}` } as NodeJS.ProcessEnv;
    for (const k of ['JWT_SECRET', 'PORT', 'DATABASE_URL', 'SLA_ROLE']) delete env[k];
    const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start within 60 s: ${out}`)), 60_000);
        const seen = (b: Buffer) => {
          out += b.toString();
          if (!/listening/.test(out)) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout.on('data', seen);
        child.stderr.on('data', seen);
        child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}: ${out}`))));
      });
      // PORT=0 from .env: the system chose a port, not the default 3000 it would have used without the file
      const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(out)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(port).not.toBe(3000);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
