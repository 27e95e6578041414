import { BadRequestException, Injectable } from '@nestjs/common';
import type { BacklogItemDto, BacklogProgressDto } from '@hotline/contracts';
import { ageDays, backlogReasons, backlogTally, parseShanghaiDay, periodRange, type BacklogRules, type PeriodKind } from '@hotline/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { EnvDto } from '../config/env.dto';
import { DepartmentsService } from '../departments/departments.service';
import { BACKLOG_CALLS, BACKLOG_REOPENINGS } from '../tickets/ticket-actions.service';
import { Clock } from '../tickets/clock';
import { TicketEntity } from '../tickets/ticket.entity';
import { toTicketDto } from '../tickets/ticket-view';

const DAY_MS = 24 * 3600_000;

/**
 * 积案: the register of open tickets that are too old, reopened twice or more, or called about three times or more;
 * and 清零 progress per department over a week, month or quarter. The rules are libs/domain backlog.ts.
 */
@Injectable()
export class BacklogService {
  private readonly rules: BacklogRules;

  constructor(
    private readonly db: DataSource,
    private readonly departments: DepartmentsService,
    private readonly clock: Clock,
    env: EnvDto,
  ) {
    this.rules = { days: env.BACKLOG_DAYS, reopenings: BACKLOG_REOPENINGS, calls: BACKLOG_CALLS };
  }

  async register(departmentId: number | undefined, user: AuthUser): Promise<{ items: BacklogItemDto[]; total: number }> {
    const now = this.clock.now();
    const dept = user.role === 'handler' ? user.departmentId! : departmentId;
    if (user.role === 'handler' && departmentId !== undefined && departmentId !== user.departmentId) return { items: [], total: 0 };
    const qb = this.db
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .addSelect('(SELECT COUNT(*) FROM tickets d WHERE d.duplicate_of_id = t.id) + 1', 'calls')
      .where("t.status <> 'closed'")
      .andWhere(
        `(t.created_at <= :old OR t.reopen_count >= :reopenings OR t.backlog_since IS NOT NULL
          OR t.id IN (SELECT d.duplicate_of_id FROM tickets d WHERE d.duplicate_of_id IS NOT NULL GROUP BY d.duplicate_of_id HAVING COUNT(*) >= :repeats))`,
        { old: new Date(now.getTime() - this.rules.days * DAY_MS), reopenings: this.rules.reopenings, repeats: this.rules.calls - 1 },
      )
      .orderBy('t.created_at', 'ASC')
      .limit(1000);
    if (dept !== undefined) qb.andWhere('t.department_id = :dept', { dept });
    const { entities, raw } = await qb.getRawAndEntities();
    const callsById = new Map(raw.map((r: Record<string, unknown>) => [Number(r.t_id), Number(r.calls)]));
    const items = entities
      .map((t) => {
        const calls = callsById.get(t.id) ?? 1;
        return { ticket: toTicketDto(t, user), reasons: backlogReasons({ ...t, calls }, now, this.rules), ageDays: ageDays(t, now), calls };
      })
      .filter((i) => i.reasons.length > 0);
    return { items, total: items.length };
  }

  async progress(period: Exclude<PeriodKind, 'day'>, date: string | undefined): Promise<BacklogProgressDto[]> {
    const now = this.clock.now();
    let at = now;
    if (date !== undefined) {
      const day = parseShanghaiDay(date);
      if (!day) throw new BadRequestException(`date must be a real date as YYYY-MM-DD, got ${JSON.stringify(date).slice(0, 40)}`);
      at = day.from;
    }
    const p = periodRange(period, at);
    // Candidates: on the register before the period's end (by age or by a recorded reopening/repeat), not closed before it began.
    const rows: any[] = await this.db.query(
      `SELECT department_id, created_at, closed_at, backlog_since FROM tickets
        WHERE (created_at < ? OR backlog_since < ?) AND (closed_at IS NULL OR closed_at >= ?) AND department_id IS NOT NULL`,
      [new Date(p.to.getTime() - this.rules.days * DAY_MS), p.to, p.from],
    );
    const by = new Map<number, Array<{ createdAt: Date; closedAt: Date | null; backlogSince: Date | null }>>();
    for (const r of rows) {
      const list = by.get(Number(r.department_id)) ?? [];
      list.push({ createdAt: new Date(r.created_at), closedAt: r.closed_at ? new Date(r.closed_at) : null, backlogSince: r.backlog_since ? new Date(r.backlog_since) : null });
      by.set(Number(r.department_id), list);
    }
    return this.departments.all().map((d) => ({ departmentId: d.id, ...backlogTally(by.get(d.id) ?? [], p, now, this.rules) }));
  }
}
