import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvDto } from '../config/env.dto';
import { TicketEntity } from '../tickets/ticket.entity';
import { SlaEffects } from './sla-effects.service';
import { CLOCK_RUNNING, type SlaKind } from './sla-kinds';
import { SlaTimers } from './sla-timers.service';

const BATCH = 1000;
/** Effects recorded in parallel by one sweep (each is a short transaction). */
const PARALLEL = 16;
/**
 * A point in time becomes the sweeper's business only this long after it passed: until then its own timer
 * (which fires within ~100 ms on a default Redis, ~10 ms with hz 100) records it, on time.
 */
export const SWEEP_GRACE_MS = 250;

async function eachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export interface SweepResult {
  recorded: Record<SlaKind, number>;
  rearmed: number;
}

/**
 * MySQL is the source of truth: records every warning, breach and sign-for limit that is due but not recorded
 * (the queue lost or has not yet fired its timer; recorded as late, with how late), and re-arms the timers
 * due within the next two sweep intervals, so that a Redis that lost everything is refilled in time.
 */
@Injectable()
export class SlaSweeper {
  private readonly logger = new Logger(SlaSweeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly env: EnvDto,
    private readonly effects: SlaEffects,
    private readonly timers: SlaTimers,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const recorded: Record<SlaKind, number> = { warn: 0, breach: 0, accept: 0 };
    const due: Array<[SlaKind, string]> = [
      ['warn', `SELECT id, deadline_version AS v FROM tickets WHERE status IN (?) AND warned_at IS NULL AND warn_at <= ? ORDER BY warn_at LIMIT ${BATCH}`],
      ['breach', `SELECT id, deadline_version AS v FROM tickets WHERE status IN (?) AND sla_state <> 'breached' AND due_at <= ? ORDER BY due_at LIMIT ${BATCH}`],
      ['accept', `SELECT id, dispatch_count AS v FROM tickets WHERE status IN ('dispatched') AND accept_due_at <= ? AND accept_overdue_at IS NULL ORDER BY accept_due_at LIMIT ${BATCH}`],
    ];
    const cutoff = new Date(now.getTime() - SWEEP_GRACE_MS);
    for (const [kind, sql] of due) {
      const rows: Array<{ id: number; v: number }> = await this.db.query(sql, kind === 'accept' ? [cutoff] : [CLOCK_RUNNING, cutoff]);
      await eachLimit(rows, PARALLEL, async (r) => {
        if (await this.effects.fire({ ticketId: r.id, kind, version: r.v }, 'sweep')) recorded[kind]++;
      });
    }
    const horizon = new Date(now.getTime() + 2 * this.env.SLA_SWEEP_SECONDS * 1000);
    const upcoming = await this.db
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .select(['t.id', 't.status', 't.slaState', 't.warnAt', 't.warnedAt', 't.dueAt', 't.deadlineVersion', 't.acceptDueAt', 't.acceptOverdueAt', 't.dispatchCount'])
      .where(
        `(t.status IN (:...running) AND ((t.warned_at IS NULL AND t.warn_at <= :h) OR (t.sla_state <> 'breached' AND t.due_at <= :h)))
         OR (t.status = 'dispatched' AND t.accept_overdue_at IS NULL AND t.accept_due_at <= :h)`,
        { running: CLOCK_RUNNING, h: horizon },
      )
      .limit(10 * BATCH)
      .getMany();
    await eachLimit(upcoming, PARALLEL, (t) => this.timers.arm(t));
    const total = recorded.warn + recorded.breach + recorded.accept;
    if (total) this.logger.warn(`sweep recorded ${recorded.breach} breach(es), ${recorded.warn} warning(s), ${recorded.accept} sign-for overrun(s) the timers had not`);
    return { recorded, rearmed: upcoming.length };
  }
}
