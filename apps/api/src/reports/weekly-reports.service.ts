import { BadRequestException, Injectable, InternalServerErrorException, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { WeeklyReportDto } from '@hotline/contracts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EnvDto } from '../config/env.dto';
import { replicaUrls } from '../database/data-source';
import { DepartmentsService } from '../departments/departments.service';
import { ReportsService } from './reports.service';
import type { WeeklyThreadReply, WeeklyThreadRequest } from './weekly-report.thread';

/** The thread's compiled file: beside this one when built, or in the build when this runs from the sources (tests). */
const THREAD_FILE = [__dirname, __dirname.replace(/([\\/]apps[\\/]api[\\/])src([\\/])/, '$1dist$2')].map((d) => join(d, 'weekly-report.thread.js')).find((f) => existsSync(f));

/** A week's report is kept this long (the current week's changes by the minute; a past week's hardly at all). */
const CURRENT_WEEK_TTL_MS = 60_000;
const PAST_WEEK_TTL_MS = 10 * 60_000;

/**
 * The weekly report, computed in a worker thread (weekly-report.thread.ts) so that a week of a million tickets never
 * holds up the API's event loop, and kept per week: callers asking while it is computed share that computation.
 */
@Injectable()
export class WeeklyReports implements OnApplicationShutdown {
  private readonly logger = new Logger(WeeklyReports.name);
  private thread: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: WeeklyReportDto) => void; reject: (e: Error) => void }>();
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
    const report = this.compute(week, now);
    this.kept.set(key, { until: now.getTime() + (current ? CURRENT_WEEK_TTL_MS : PAST_WEEK_TTL_MS), report });
    // a failure is not kept
    report.catch(() => this.kept.get(key)?.report === report && this.kept.delete(key));
    if (this.kept.size > 200) for (const [k, v] of this.kept) if (v.until <= now.getTime()) this.kept.delete(k);
    return report;
  }

  private compute(week: string | undefined, now: Date): Promise<WeeklyReportDto> {
    if (!THREAD_FILE) return this.inProcess.weekly(week, now); // not built: here, on the event loop
    const thread = this.start(THREAD_FILE);
    const id = this.next++;
    return new Promise<WeeklyReportDto>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      thread.postMessage({ id, week, now: now.getTime() } satisfies WeeklyThreadRequest);
    });
  }

  private start(file: string): Worker {
    if (this.thread) return this.thread;
    // reports read a replica when there is one
    const databaseUrl = replicaUrls(this.env)[0] ?? this.env.DATABASE_URL;
    const thread = new Worker(file, { workerData: { databaseUrl, departments: this.departments.all() } });
    thread.unref();
    thread.on('message', (m: WeeklyThreadReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (!m.error) return w.resolve(m.report as WeeklyReportDto);
      w.reject(m.error.status === 400 ? new BadRequestException(m.error.message) : new InternalServerErrorException(`weekly report failed: ${m.error.message}`));
    });
    const fail = (e: Error) => {
      this.logger.error(`weekly report thread stopped: ${e.message}`);
      for (const w of this.waiting.values()) w.reject(new InternalServerErrorException('weekly report failed'));
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
