import type { Pool } from 'mysql2/promise';

type Rows = Array<Record<string, unknown>>;

/** Statements on a worker thread's own mysql2 pool (a thread cannot share the API's TypeORM connections). */
export interface PoolReader {
  query: (sql: string, params?: unknown[]) => Promise<Rows>;
  /** Several reads that see one moment: a read-only transaction on one connection. */
  snapshot: <T>(fn: (query: (sql: string, params?: unknown[]) => Promise<Rows>) => Promise<T>) => Promise<T>;
}

export function poolReader(pool: Pool): PoolReader {
  return {
    query: async (sql, params = []) => (await pool.query(sql, params))[0] as Rows,
    snapshot: async (fn) => {
      const c = await pool.getConnection();
      try {
        await c.query('START TRANSACTION READ ONLY');
        try {
          return await fn(async (sql, params = []) => (await c.query(sql, params))[0] as Rows);
        } finally {
          await c.query('COMMIT');
        }
      } finally {
        c.release();
      }
    },
  };
}
