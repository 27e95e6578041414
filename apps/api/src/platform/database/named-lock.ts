import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `fn` while holding a MySQL named lock on one connection, or returns `null` when the lock could not be
 * taken within `waitSeconds`. Named locks are server-wide, so the name is scoped to the current database:
 * deployments (and test runs) sharing a server stay apart. `fn` gets the lock's own connection: work done under a
 * lock that many requests may take at once must use it, or lock holders waiting for a second pooled connection can
 * exhaust the pool.
 */
export async function withNamedLock<T>(db: DataSource, name: string, waitSeconds: number, fn: (lockConnection: EntityManager) => Promise<T>): Promise<T | null> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query('SELECT GET_LOCK(CONCAT(?, DATABASE()), ?) AS got', [`${name}:`, waitSeconds]);
    if (Number(row.got) !== 1) return null;
    try {
      return await fn(runner.manager);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(CONCAT(?, DATABASE()))', [`${name}:`]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
