import type { DataSource } from 'typeorm';

/** The service's database on a fresh server (utf8mb4, Unicode collation): the one statement before the migrations. */
export async function createDatabaseIfMissing(server: DataSource, database: string): Promise<void> {
  await server.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
}
