import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Reads that may be a little stale (ticket lists, the wallboard, KPIs and reports) go to a MySQL read replica when
 * DATABASE_REPLICA_URLS names any (TypeORM replication, a random replica per read); everything else, and every read
 * inside a transaction, goes to the primary. Without replicas these reads use the primary as well.
 */
@Injectable()
export class ReadReplica {
  constructor(private readonly db: DataSource) {}

  /** The replica as a plain statement runner, for the SQL modules that take one (KPI counts, reports). */
  readonly run = (sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> => this.query(sql, params);

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    const runner = this.db.createQueryRunner('slave');
    try {
      return (await runner.query(sql, params)) as T;
    } finally {
      await runner.release();
    }
  }

  /**
   * Several reads that see one moment of the database: a read-only transaction (REPEATABLE READ, InnoDB's default)
   * on one replica connection.
   */
  async snapshot<T>(fn: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner('slave');
    try {
      await runner.query('START TRANSACTION READ ONLY');
      try {
        return await fn((sql, params = []) => runner.query(sql, params));
      } finally {
        await runner.query('COMMIT');
      }
    } finally {
      await runner.release();
    }
  }

  async read<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner('slave');
    try {
      return await fn(runner.manager);
    } finally {
      await runner.release();
    }
  }
}
