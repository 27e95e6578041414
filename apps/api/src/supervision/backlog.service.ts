import { BadRequestException, Injectable } from '@nestjs/common';
import type { BacklogItemDto, BacklogProgressDto } from '@hotline/contracts';
import { ageDays, backlogReasons, backlogTally, parseShanghaiDay, periodRange, type BacklogRules, type PeriodKind } from '@hotline/domain';
import type { AuthUser } from '../access/auth/auth-user';
import { EnvDto } from '../platform/config/env.dto';
import { DepartmentsService } from '../casework/departments/departments.service';
import { BACKLOG_CALLS, BACKLOG_REOPENINGS } from '../casework/tickets/ticket-actions.service';
import { Clock } from '../casework/tickets/clock';
import { toTicketDto } from '../casework/tickets/ticket-view';
import { TicketsRepository } from '../casework/tickets/tickets.repository';

const DAY_MS = 24 * 3600_000;

/**
 * 积案: the register of open tickets that are too old, reopened twice or more, or called about three times or more;
 * and 清零 progress per department over a week, month or quarter. The rules are libs/domain backlog.ts.
 */
@Injectable()
export class BacklogService {
  private readonly rules: BacklogRules;

  constructor(
    private readonly tickets: TicketsRepository,
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
    const candidates = await this.tickets.backlogCandidates({
      old: new Date(now.getTime() - this.rules.days * DAY_MS),
      reopenings: this.rules.reopenings,
      repeats: this.rules.calls - 1,
      departmentId: dept,
    });
    const items = candidates
      .map(({ ticket: t, calls: counted }) => {
        const calls = counted ?? 1;
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
    const rows = await this.tickets.backlogHistory(new Date(p.to.getTime() - this.rules.days * DAY_MS), p.to, p.from);
    const by = new Map<number, Array<{ createdAt: Date; closedAt: Date | null; backlogSince: Date | null }>>();
    for (const { departmentId, ...r } of rows) {
      const list = by.get(departmentId) ?? [];
      list.push(r);
      by.set(departmentId, list);
    }
    return this.departments.all().map((d) => ({ departmentId: d.id, ...backlogTally(by.get(d.id) ?? [], p, now, this.rules) }));
  }
}
