/** The test command (scripts/test.mjs) has started MariaDB and Redis; fail early and clearly when they are absent. */
import { connect } from 'node:net';

function listening(url: string, defaultPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    s.setTimeout(2000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export default async function globalSetup(): Promise<void> {
  process.env.JWT_SECRET ||= 'test-only-secret-not-for-production-0123456789';
  process.env.LOG_LEVEL ||= 'silent';
  const db = process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/hotline';
  const redis = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!(await listening(db, 3306))) throw new Error(`MySQL does not answer at ${db}: run the tests with npm test, which starts it`);
  if (!(await listening(redis, 6379))) throw new Error(`Redis does not answer at ${redis}: run the tests with npm test, which starts it`);
}
