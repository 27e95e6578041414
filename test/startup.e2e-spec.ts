import { createApp, StartupError } from '../apps/api/src/bootstrap';
import { ConfigError, loadEnv } from '../apps/api/src/config/env.dto';

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
      loadEnv(env as NodeJS.ProcessEnv);
    } catch (e) {
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('applies the contract defaults', () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/hotline', REDIS_URL: 'redis://127.0.0.1:6379', PORT: 3000, SLA_SECONDS_PER_HOUR: 3600, SEED_DEMO: false, DEMO_PASSWORD: 'demo12345' });
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
    const { startTestApp } = await import('./support/test-app');
    const { REDIS } = await import('../apps/api/src/redis/redis.module');
    const t = await startTestApp();
    try {
      expect((await t.req('GET', '/api/v1/health')).status).toBe(200);
      t.app.get(REDIS).disconnect();
      const res = await t.req('GET', '/api/v1/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', mysql: 'up', redis: 'down' });
    } finally {
      await t.close();
    }
  });
});
