/**
 * A worker thread that computes period figures off the API's event loop: it reads the rows with its own MySQL
 * connections (the replica when there is one) and runs the KPI formulas of libs/domain on them, answering only the
 * per-department results. Reading a month of a busy centre means parsing hundreds of thousands of rows, seconds of
 * CPU that would otherwise stall every request and socket of the instance.
 */
import type { RankingKpis } from '@hotline/contracts';
import { computeKpisByDepartment, rate } from '@hotline/domain';
import { createPool } from 'mysql2/promise';
import { parentPort, workerData } from 'node:worker_threads';
import { readDispatchesAndReturns, readKpiCallbacks, readKpiTickets, type RunQuery } from '../kpis/kpi-queries';

export interface FiguresRequest {
  id: number;
  from: string;
  to: string;
  now: string;
  departmentIds: number[];
}

export type FiguresResponse = { id: number; kpis: Array<[number, RankingKpis]> } | { id: number; error: string };

const pool = createPool({ uri: (workerData as { databaseUrl: string }).databaseUrl, timezone: 'Z', dateStrings: false, connectionLimit: 3, supportBigNumbers: true });
const run: RunQuery = async (sql, params) => (await pool.query(sql, params))[0] as Array<Record<string, unknown>>;

async function departmentKpis(r: FiguresRequest): Promise<Array<[number, RankingKpis]>> {
  const p = { from: new Date(r.from), to: new Date(r.to) };
  const now = new Date(r.now);
  const [tickets, callbacks, moves] = await Promise.all([readKpiTickets(run, p, now), readKpiCallbacks(run, p), readDispatchesAndReturns(run, p)]);
  const byDept = computeKpisByDepartment(tickets, callbacks, p, now, r.departmentIds);
  return r.departmentIds.map((id) => {
    const m = moves.get(id) ?? { dispatches: 0, returns: 0 };
    return [id, { ...byDept.get(id)!, returnRate: rate(m.returns, m.dispatches) }];
  });
}

parentPort!.on('message', (r: FiguresRequest) => {
  departmentKpis(r).then(
    (kpis) => parentPort!.postMessage({ id: r.id, kpis } satisfies FiguresResponse),
    (e: Error) => parentPort!.postMessage({ id: r.id, error: e.message } satisfies FiguresResponse),
  );
});
