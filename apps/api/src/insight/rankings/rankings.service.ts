import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { RankingDto, RankingHistoryDto, RankingPeriod, RankingWeights, RankingWeightsDto } from '@hotline/contracts';
import {
  evaluatedAt,
  parseShanghaiDay,
  periodRange,
  periodsEndingWith,
  previousPeriod,
  previousRanks,
  rankDepartments,
  weightProblems,
  withLaterWeights,
  type RankedEntry,
  type TimeRange,
} from '@hotline/domain';
import type { AuthUser } from '../../access/auth/auth-user';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { FiguresPool } from './figures-pool.service';
import { RankingWeightsRepository } from './ranking-weights.repository';

/** 赛马晾晒: departments ranked per week, month or quarter by a weighted score (libs/domain ranking.ts). */
@Injectable()
export class RankingsService {
  constructor(
    private readonly figures: FiguresPool,
    private readonly weightsRepo: RankingWeightsRepository,
    private readonly departments: DepartmentsService,
  ) {}

  /** The period of `kind` holding `date` (default today); 400 naming the parameter for a date that is not real or in the future. */
  period(kind: RankingPeriod, date: string | undefined, now: Date): TimeRange {
    if (date === undefined) return periodRange(kind, now);
    const day = parseShanghaiDay(date);
    if (!day) throw new BadRequestException(`date must be a real date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (day.from > now) throw new BadRequestException(`date ${date} is in the future`);
    return periodRange(kind, day.from);
  }

  async ranked(p: TimeRange, weights: RankingWeights, now: Date): Promise<RankedEntry[]> {
    const kpis = await this.figures.departmentKpis(p, now);
    return rankDepartments(
      [...kpis].map(([departmentId, k]) => ({ departmentId, kpis: k })),
      weights,
    );
  }

  async ranking(kind: RankingPeriod = 'month', date: string | undefined, now = new Date()): Promise<RankingDto> {
    const p = this.period(kind, date, now);
    const { weights } = await this.weightsRepo.get();
    const [current, previous] = await Promise.all([this.ranked(p, weights, now), this.ranked(previousPeriod(kind, p), weights, now)]);
    const before = previousRanks(previous);
    const names = new Map(this.departments.all().map((d) => [d.id, d]));
    return {
      period: kind,
      from: p.from.toISOString(),
      to: p.to.toISOString(),
      asOf: evaluatedAt(p, now).toISOString(),
      weights,
      items: current.map((e) => ({
        departmentId: e.departmentId,
        code: names.get(e.departmentId)?.code ?? '',
        name: names.get(e.departmentId)?.name ?? '',
        rank: e.rank,
        previousRank: before.get(e.departmentId) ?? null,
        score: e.score,
        kpis: e.kpis,
      })),
    };
  }

  /** Scores and ranks over the last `count` periods ending with the one of `date`, under today's weights. */
  async history(kind: RankingPeriod = 'month', date: string | undefined, count = 12, now = new Date()): Promise<RankingHistoryDto> {
    const periods = periodsEndingWith(kind, this.period(kind, date, now), count);
    const { weights } = await this.weightsRepo.get();
    // one at a time: each period already runs its statements side by side, and ended periods come from the cache
    const out: RankingHistoryDto['periods'] = [];
    for (const p of periods) {
      const ranked = await this.ranked(p, weights, now);
      out.push({ from: p.from.toISOString(), to: p.to.toISOString(), items: ranked.map((e) => ({ departmentId: e.departmentId, rank: e.rank, score: e.score })) });
    }
    return { period: kind, periods: out };
  }

  async weights(): Promise<RankingWeightsDto & { version: number }> {
    const row = await this.weightsRepo.get();
    return { weights: row.weights, version: row.version, updatedAt: row.updatedAt?.toISOString() ?? null };
  }

  async setWeights(input: Record<string, unknown>, version: number | undefined, user: AuthUser, now = new Date()): Promise<RankingWeightsDto & { version: number }> {
    const problems = weightProblems(input);
    if (problems.length) throw new BadRequestException(problems);
    const current = await this.weightsRepo.get();
    if (version !== undefined && version !== current.version) throw new ConflictException(`the weights are at version ${current.version}, not ${version}`);
    // stored whole: a weight added later and left out by the client is stored as the 0 it was read as
    if (!(await this.weightsRepo.update(withLaterWeights(input) as RankingWeights, version ?? current.version, user.id, now))) {
      throw new ConflictException('the weights were changed at the same moment by someone else; read them again');
    }
    return this.weights();
  }
}
