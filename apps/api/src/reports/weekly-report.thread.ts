/**
 * The weekly report's thread (node:worker_threads): reads the week and computes its figures and keywords away from
 * the API's event loop, with a small MySQL pool of its own, through the same ReportsService code the API would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DepartmentDto } from '@hotline/contracts';
import { createPool } from 'mysql2/promise';
import type { ReadReplica } from '../database/read-replica';
import type { DepartmentsService } from '../departments/departments.service';
import { KpiSource } from '../kpis/kpi-source.service';
import { ReportsService } from './reports.service';

export interface WeeklyThreadData {
  databaseUrl: string;
  departments: DepartmentDto[];
}
export type WeeklyThreadRequest = { id: number; week: string | undefined; now: number };
export type WeeklyThreadReply = { id: number; report?: unknown; error?: { message: string; status: number } };

const data = workerData as WeeklyThreadData;
const pool = createPool({ uri: data.databaseUrl, connectionLimit: 4, timezone: 'Z', supportBigNumbers: true, bigNumberStrings: false, dateStrings: false, charset: 'utf8mb4_unicode_ci' });
const query = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params))[0];
const reports = new ReportsService({ query } as unknown as ReadReplica, { all: () => data.departments } as unknown as DepartmentsService, new KpiSource({ query } as unknown as ReadReplica));

parentPort!.on('message', (req: WeeklyThreadRequest) => {
  reports.weekly(req.week, new Date(req.now)).then(
    (report) => parentPort!.postMessage({ id: req.id, report } satisfies WeeklyThreadReply),
    (e: Error & { getStatus?: () => number }) => parentPort!.postMessage({ id: req.id, error: { message: e.message, status: e.getStatus?.() ?? 500 } } satisfies WeeklyThreadReply),
  );
});
