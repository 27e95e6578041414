import { BadRequestException, Injectable, InternalServerErrorException, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { builtFile } from '../../platform/built-file';
import type { ReportFormat, WeeklyReportDto } from '@hotline/contracts';
import { shanghaiDate } from '@hotline/domain';
import { PassThrough, type Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { EnvDto } from '../../platform/config/env.dto';
import { replicaUrls } from '../../platform/database/data-source';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { toCsv, toXlsx, unresolvedTable } from './report-files';
import { ReportsService, reportDay } from './reports.service';
import type { ReportThreadReply, ReportThreadRequest } from './report.thread';

/** The thread's compiled file: beside this one when built, or in the build when this runs from the sources (tests). */
const THREAD_FILE = builtFile(__dirname, 'report.thread.js');

/** A week's report is kept this long (the current week's changes by the minute; a past week's hardly at all). */
const CURRENT_WEEK_TTL_MS = 60_000;
const PAST_WEEK_TTL_MS = 10 * 60_000;

/** 当日未解决 as the controller sends it: the day it is of (the file's name) and its body, JSON or the file. */
export interface UnresolvedFile {
  date: string;
  body: Readable | Buffer | object;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Waiting = { resolve: (r: unknown) => void; reject: (e: Error) => void; stream?: PassThrough };

/**
 * The reports, computed in a worker thread (report.thread.ts) so that a week of a million tickets never holds up the
 * API's event loop. The weekly report is kept per week (callers asking while it is computed share that
 * computation); 当日未解决 comes back as its file, streamed to the client as the thread writes it.
 */
@Injectable()
export class ReportThread implements OnApplicationShutdown {
  private readonly logger = new Logger(ReportThread.name);
  private thread: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly kept = new Map<string, { until: number; report: Promise<WeeklyReportDto> }>();

  constructor(
    private readonly env: EnvDto,
    private readonly departments: DepartmentsService,
    private readonly inProcess: ReportsService,
  ) {}

  weekly(week: string | undefined, now = new Date()): Promise<WeeklyReportDto> {
    const key = week ?? '';
    const hit = this.kept.get(key);
    if (hit && hit.until > now.getTime()) return hit.report;
    const current = week === undefined || Date.parse(`${week}T00:00:00+08:00`) > now.getTime() - 8 * 86_400_000;
    const report = THREAD_FILE ? (this.request({ kind: 'weekly', week, now: now.getTime() }) as Promise<WeeklyReportDto>) : this.inProcess.weekly(week, now); // not built: here, on the event loop
    this.kept.set(key, { until: now.getTime() + (current ? CURRENT_WEEK_TTL_MS : PAST_WEEK_TTL_MS), report });
    // a failure is not kept
    report.catch(() => this.kept.get(key)?.report === report && this.kept.delete(key));
    if (this.kept.size > 200) for (const [k, v] of this.kept) if (v.until <= now.getTime()) this.kept.delete(k);
    return report;
  }

  /** A bad `date` is refused here, before anything is sent; a failure after the first bytes cuts the response short. */
  async unresolved(date: string | undefined, format: ReportFormat, now = new Date()): Promise<UnresolvedFile> {
    const day = shanghaiDate(reportDay(date, now, 'date').from);
    if (!THREAD_FILE) {
      const report = await this.inProcess.unresolved(date, now);
      return { date: day, body: format === 'json' ? report : format === 'csv' ? toCsv([unresolvedTable(report)]) : await toXlsx([unresolvedTable(report)]) };
    }
    const stream = new PassThrough();
    await this.request({ kind: 'unresolved', date, format, now: now.getTime() }, stream);
    return { date: day, body: stream };
  }

  /** Answers the weekly report; for a file, resolves at its first bytes, which `stream` then carries. */
  private request(req: DistributiveOmit<ReportThreadRequest, 'id' | 'departments'>, stream?: PassThrough): Promise<unknown> {
    const thread = this.start(THREAD_FILE!);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, stream });
      thread.postMessage({ ...req, id, departments: this.departments.all() });
    });
  }

  private onReply(m: ReportThreadReply): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    if (m.error) {
      this.waiting.delete(m.id);
      const e = m.error.status === 400 ? new BadRequestException(m.error.message) : new InternalServerErrorException(`report failed: ${m.error.message}`);
      w.stream?.destroy(e);
      return w.reject(e);
    }
    if (!w.stream) {
      this.waiting.delete(m.id);
      return w.resolve(m.report);
    }
    if (m.chunk) w.stream.write(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
    if (m.end) {
      this.waiting.delete(m.id);
      w.stream.end();
    }
    w.resolve(undefined);
  }

  private start(file: string): Worker {
    if (this.thread) return this.thread;
    // reports read a replica when there is one
    const databaseUrl = replicaUrls(this.env)[0] ?? this.env.DATABASE_URL;
    const thread = new Worker(file, { workerData: { databaseUrl, departments: this.departments.all() } });
    thread.unref();
    thread.on('message', (m: ReportThreadReply) => this.onReply(m));
    const fail = (e: Error) => {
      this.logger.error(`report thread stopped: ${e.message}`);
      for (const w of this.waiting.values()) {
        const err = new InternalServerErrorException('report failed');
        w.stream?.destroy(err);
        w.reject(err);
      }
      this.waiting.clear();
      this.thread = null;
    };
    thread.on('error', fail);
    thread.on('exit', (code) => code !== 0 && this.thread === thread && fail(new Error(`exit ${code}`)));
    this.thread = thread;
    return thread;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.terminate();
  }
}
