/**
 * The reports' thread (node:worker_threads): reads and computes the reports away from the API's event loop, with a
 * small MySQL pool of its own, through the same code the API would run (ReportComputations). The weekly report goes
 * back as an object (it is kept); 当日未解决 as its finished file: JSON bytes, or CSV/XLSX in chunks as written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Writable } from 'node:stream';
import type { DepartmentDto, ReportFormat, UnresolvedReportDto } from '@hotline/contracts';
import { createPool } from 'mysql2/promise';
import { poolReader } from '../../platform/database/pool-reader';
import { csvChunks, unresolvedTable, writeXlsx } from './report-files';
import { ReportComputations } from './reports.service';

export interface ReportThreadData {
  databaseUrl: string;
  departments: DepartmentDto[];
}
/** Each request carries the departments as they are now (names and new ones). */
export type ReportThreadRequest = { id: number; now: number; departments: DepartmentDto[] } & (
  { kind: 'weekly'; week: string | undefined } | { kind: 'unresolved'; date: string | undefined; format: ReportFormat }
);
/** A reply: the report (weekly), a piece of the file (unresolved: `chunk`s, then `end`), or the error. */
export type ReportThreadReply = { id: number; report?: unknown; chunk?: Uint8Array; end?: true; error?: { message: string; status: number } };

const data = workerData as ReportThreadData;
let departments = data.departments;
const pool = createPool({
  uri: data.databaseUrl,
  connectionLimit: 4,
  timezone: 'Z',
  supportBigNumbers: true,
  bigNumberStrings: false,
  dateStrings: false,
  charset: 'utf8mb4_unicode_ci',
});
const reports = new ReportComputations(poolReader(pool), () => departments);

const post = (reply: ReportThreadReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(reply, transfer);
/** Bytes of its own (not a slice of Node's shared pool), so that they can be handed over rather than copied. */
const own = (b: Uint8Array): Uint8Array => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b));

/** The report's JSON (the same text as JSON.stringify) a thousand items at a time: no 30 MB string for 80,000 items. */
function* jsonChunks(report: UnresolvedReportDto, per = 1000): Generator<Buffer> {
  const { items, ...head } = report;
  yield Buffer.from(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  for (let i = 0; i < items.length; i += per)
    yield Buffer.from(
      `${i > 0 ? ',' : ''}${items
        .slice(i, i + per)
        .map((x) => JSON.stringify(x))
        .join(',')}`,
    );
  yield Buffer.from(']}');
}

async function unresolved(id: number, date: string | undefined, format: ReportFormat, now: Date): Promise<void> {
  const report = await reports.unresolved(date, now);
  const send = (b: Uint8Array) => {
    const bytes = own(b);
    post({ id, chunk: bytes }, [bytes.buffer as ArrayBuffer]);
  };
  if (format === 'json') for (const chunk of jsonChunks(report)) send(chunk);
  else if (format === 'csv') for (const chunk of csvChunks([unresolvedTable(report)])) send(chunk);
  else {
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        send(chunk);
        done();
      },
    });
    await writeXlsx([unresolvedTable(report)], out);
  }
  post({ id, end: true });
}

parentPort!.on('message', (req: ReportThreadRequest) => {
  departments = req.departments;
  const fail = (e: Error & { getStatus?: () => number }) => post({ id: req.id, error: { message: e.message, status: e.getStatus?.() ?? 500 } });
  if (req.kind === 'weekly') reports.weekly(req.week, new Date(req.now)).then((report) => post({ id: req.id, report }), fail);
  else unresolved(req.id, req.date, req.format, new Date(req.now)).catch(fail);
});
