import { Injectable } from '@nestjs/common';
import type { RankingKpis } from '@hotline/contracts';
import { kpisFromCounts, rankingKpis, type TimeRange } from '@hotline/domain';
import { EnvDto } from '../../platform/config/env.dto';
import { ReadReplica } from '../../platform/database/read-replica';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { aggregateDepartmentCounts, type RunLimited } from '../../live/kpis/kpi-aggregates';
import type { RunQuery } from '../../live/kpis/kpi-queries';

/** A period still running is recomputed at most this often; one that has ended is kept FIGURES_CACHE_SECONDS (only backdated writes move it). */
const RUNNING_TTL_MS = 30_000;
const CACHE_LIMIT = 200;
/** Figure statements in flight at once, across all periods being computed: MySQL runs each on one core. */
const PARALLEL = 4;

/**
 * Per-department figures of a period (KPIs, 退单率 and 积案清零率), cached by period, for rankings, their history and bulletins.
 * MySQL counts them per department (live/kpis/kpi-aggregates.ts, each cohort over a covering index) and the libs/domain
 * formulas turn the counts into rates: a month of 1,000,000 tickets is 13 rows a statement, so nothing is parsed on
 * the event loop and asking again is free. Reads go to a replica when there is one.
 */
@Injectable()
export class FiguresPool {
  private readonly cache = new Map<string, { until: number; value: Promise<Map<number, RankingKpis>> }>();
  private readonly run: RunQuery;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly env: EnvDto,
    private readonly departments: DepartmentsService,
    replica: ReadReplica,
  ) {
    this.run = replica.run;
  }

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

  private async compute(p: TimeRange, now: Date): Promise<Map<number, RankingKpis>> {
    const ids = this.departments.all().map((d) => d.id);
    const counts = await aggregateDepartmentCounts(this.run, p, now, ids, this.env.BACKLOG_DAYS, this.limited);
    return new Map(
      ids.map((id) => {
        const c = counts.get(id)!;
        return [id, rankingKpis(kpisFromCounts(c.counts), c.moves, c.backlog)];
      }),
    );
  }

  private readonly limited: RunLimited = async (task) => {
    if (this.running >= PARALLEL) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  };
}
