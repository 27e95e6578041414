import { Injectable, Logger, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import type { RankingKpis } from '@hotline/contracts';
import type { TimeRange } from '@hotline/domain';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EnvDto } from '../config/env.dto';
import { replicaUrls } from '../database/data-source';
import { DepartmentsService } from '../departments/departments.service';
import type { FiguresRequest, FiguresResponse } from './figures.worker';

/** A period still running is recomputed at most this often; one that has ended is kept FIGURES_CACHE_SECONDS (only backdated writes move it). */
const RUNNING_TTL_MS = 30_000;
const CACHE_LIMIT = 200;

/**
 * The compiled worker: beside this file in dist; when the API runs from its TypeScript sources (the tests), the
 * build's copy (npm run build compiles it).
 */
function workerFile(): string {
  const beside = join(__dirname, 'figures.worker.js');
  if (existsSync(beside)) return beside;
  const built = join(__dirname, '../../dist/rankings/figures.worker.js');
  if (existsSync(built)) return built;
  throw new Error(`the figures worker is not built (looked for ${beside} and ${built}): run npm run build`);
}

/**
 * Per-department figures of a period (KPIs and 退单率), computed in a worker thread and cached by period, so that
 * rankings, their history and bulletins never parse a month of tickets on the event loop, and asking again is free.
 */
@Injectable()
export class FiguresPool implements OnModuleDestroy {
  private readonly logger = new Logger(FiguresPool.name);
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Map<number, RankingKpis>) => void; reject: (e: Error) => void }>();
  private readonly cache = new Map<string, { until: number; value: Promise<Map<number, RankingKpis>> }>();

  constructor(
    private readonly env: EnvDto,
    private readonly departments: DepartmentsService,
  ) {}

  /** The figures of each department for period p as at `now` (cached per period). */
  departmentKpis(p: TimeRange, now = new Date()): Promise<Map<number, RankingKpis>> {
    const key = `${p.from.toISOString()}|${p.to.toISOString()}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > now.getTime()) return hit.value;
    const value = this.compute(p, now);
    const kept = this.env.FIGURES_CACHE_SECONDS * 1000;
    this.cache.set(key, { until: now.getTime() + (p.to <= now ? kept : Math.min(kept, RUNNING_TTL_MS)), value });
    value.catch(() => this.cache.delete(key));
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  private compute(p: TimeRange, now: Date): Promise<Map<number, RankingKpis>> {
    const worker = this.start();
    const id = this.nextId++;
    const request: FiguresRequest = { id, from: p.from.toISOString(), to: p.to.toISOString(), now: now.toISOString(), departmentIds: this.departments.all().map((d) => d.id) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const databaseUrl = replicaUrls(this.env)[0] ?? this.env.DATABASE_URL;
    const worker = new Worker(workerFile(), { workerData: { databaseUrl } });
    worker.on('message', (m: FiguresResponse) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if ('error' in m) waiting.reject(new ServiceUnavailableException(`figures could not be computed: ${m.error}`));
      else waiting.resolve(new Map(m.kpis));
    });
    const fail = (e: Error) => {
      this.logger.error(`the figures worker stopped: ${e.message}`);
      for (const w of this.pending.values()) w.reject(new ServiceUnavailableException('figures could not be computed: the worker stopped'));
      this.pending.clear();
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => this.worker === worker && fail(new Error(`exit code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async onModuleDestroy(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
