import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { BulletinDto, BulletinHeaderDto, RankingPeriod } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';
import { RankingsService } from '../rankings/rankings.service';
import { BulletinsRepository, PeriodHasBulletin } from './bulletins.repository';

const SHANGHAI_MS = 8 * 3_600_000;

/**
 * 通报: a supervisor issues the bulletin of a period — its ranking (figures counted by MySQL per department), the best and worst
 * three, overdue, breached and dissatisfied cases per department, the dissatisfaction cases and the hotspots —
 * numbered per year of issue (2026年第12期) and kept exactly as issued.
 */
@Injectable()
export class BulletinsService {
  constructor(
    private readonly repo: BulletinsRepository,
    private readonly rankings: RankingsService,
  ) {}

  async issue(kind: RankingPeriod, date: string | undefined, user: AuthUser, now = new Date()): Promise<BulletinHeaderDto> {
    const ranking = await this.rankings.ranking(kind, date, now);
    const p = { from: new Date(ranking.from), to: new Date(ranking.to) };
    const existing = await this.repo.byPeriod(kind, p.from);
    if (existing) throw new ConflictException(`the bulletin of this period is issued already: ${existing.no} (id ${existing.id})`);
    const [breached, dissatisfaction, hotspots] = await Promise.all([this.repo.breached(p), this.repo.dissatisfaction(p), this.repo.hotspots(p)]);
    const scored = ranking.items.filter((i) => i.score !== null);
    const year = new Date(now.getTime() + SHANGHAI_MS).getUTCFullYear();
    let id: number;
    try {
      id = await this.repo.insert(year, kind, p, now, user.id, (seq) => ({
        no: `${year}年第${seq}期`,
        period: kind,
        from: ranking.from,
        to: ranking.to,
        issuedAt: now.toISOString(),
        ranking,
        best: scored.slice(0, 3),
        worst: scored.length > 3 ? scored.slice(Math.max(3, scored.length - 3)) : [],
        departments: ranking.items
          .map((i) => ({
            departmentId: i.departmentId,
            overdue: i.kpis.overdue,
            breached: breached.get(i.departmentId) ?? 0,
            // unsatisfied callbacks in P, as the 满意率 of the ranking counted them
            dissatisfied: i.kpis.satisfactionRate.denominator - i.kpis.satisfactionRate.numerator,
          }))
          .sort((a, b) => a.departmentId - b.departmentId),
        dissatisfaction,
        hotspots,
      }));
    } catch (e) {
      if (e instanceof PeriodHasBulletin) throw new ConflictException('the bulletin of this period was issued at the same moment by someone else');
      throw e;
    }
    const { ranking: _r, best: _b, worst: _w, departments: _d, dissatisfaction: _s, hotspots: _h, ...head } = (await this.repo.get(id))!;
    return head;
  }

  list(): Promise<BulletinHeaderDto[]> {
    return this.repo.list();
  }

  async get(id: number): Promise<BulletinDto> {
    const b = await this.repo.get(id);
    if (!b) throw new NotFoundException(`bulletin ${id} not found`);
    return b;
  }
}
