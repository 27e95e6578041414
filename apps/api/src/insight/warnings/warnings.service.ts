import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { WarningDto, WarningListDto, WarningMetric, WarningScope, WarningStatus } from '@hotline/contracts';
import { periodRange, periodsEndingWith, warningsDue } from '@hotline/domain';
import type { AuthUser } from '../../access/auth/auth-user';
import { EnvDto } from '../../platform/config/env.dto';
import { LiveEvents } from '../../live/realtime/live-events.service';
import { WarningsRepository, type Counts } from './warnings.repository';

const SUBJECTS: Array<[WarningScope, WarningMetric]> = [
  ['department', 'volume'],
  ['department', 'overdue'],
  ['area', 'volume'],
  ['area', 'overdue'],
];

/**
 * 预警 (libs/domain warnings.ts): per department and per area (the estate, village or road hotspots are found by), this
 * period's tickets received and deadlines missed against the average of the periods before. A warning is issued once
 * per subject, metric and period — the database's unique key decides between instances checking at the same moment —
 * and announced (`warning.issued`) to the centre and the department after it is written.
 */
@Injectable()
export class WarningsService {
  private readonly logger = new Logger(WarningsService.name);

  constructor(
    private readonly repo: WarningsRepository,
    private readonly env: EnvDto,
    private readonly live: LiveEvents,
  ) {}

  /** Looks at the running period; answers the warnings this call issued. */
  async check(now = new Date()): Promise<WarningDto[]> {
    const kind = this.env.WARNING_PERIOD;
    const ranges = periodsEndingWith(kind, periodRange(kind, now), this.env.WARNING_BASELINE_PERIODS + 1);
    const current = ranges[ranges.length - 1];
    const issued: WarningDto[] = [];
    for (const [scope, metric] of SUBJECTS) {
      const counts = metric === 'volume' ? await this.repo.volume(scope, ranges) : await this.repo.overdue(scope, ranges, now);
      for (const due of this.due(counts)) {
        const id = await this.repo.insertOnce(
          {
            scope,
            metric,
            periodKind: kind,
            periodStart: current.from,
            current: due.current,
            previous: due.previous,
            growth: due.growth,
            departmentId: scope === 'department' ? Number(due.key) : null,
            area: scope === 'area' ? due.key : null,
          },
          now,
        );
        if (id === null) continue;
        issued.push((await this.repo.get(id))!);
      }
    }
    // told after every row is written (each insert commits on its own)
    for (const w of issued) {
      this.logger.warn(`warning issued: ${w.scope} ${w.departmentId ?? w.area} ${w.metric} ${w.previous} -> ${w.current}`);
      await this.live.publishWarning(w.departmentId, { warning: w, at: now.toISOString() });
    }
    return issued;
  }

  private due(counts: Counts) {
    const rule = { growthPercent: this.env.WARNING_GROWTH_PERCENT, minCount: this.env.WARNING_MIN_COUNT };
    return warningsDue(
      [...counts].map(([key, c]) => ({ key, current: c[c.length - 1], previous: c.slice(0, -1) })),
      rule,
    );
  }

  /** The centre sees every warning; a handler its department's only. */
  list(user: AuthUser, q: { status?: WarningStatus; departmentId?: number; page?: number; pageSize?: number }): Promise<WarningListDto> {
    return this.repo.list({
      status: q.status,
      departmentId: q.departmentId,
      onlyDepartment: user.role === 'handler' ? (user.departmentId ?? -1) : undefined,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 50,
    });
  }

  /** By the department's handler or a supervisor; another department's (or an area's) warning is 404 for a handler. */
  async acknowledge(id: number, user: AuthUser, version: number | undefined, now = new Date()): Promise<WarningDto> {
    const w = await this.repo.get(id);
    if (!w || (user.role === 'handler' && w.departmentId !== user.departmentId)) throw new NotFoundException(`warning ${id} not found`);
    if (w.status !== 'open') throw new ConflictException(`warning ${id} is ${w.status} already`);
    if (version !== undefined && version !== w.version) throw new ConflictException(`warning ${id} is at version ${w.version}, not ${version}`);
    if (!(await this.repo.acknowledge(id, w.version, user.id, now))) throw new ConflictException(`warning ${id} was acknowledged at the same moment by someone else`);
    return (await this.repo.get(id))!;
  }
}
