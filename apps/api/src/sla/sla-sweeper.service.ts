import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvDto } from '../config/env.dto';
import { TicketEntity } from '../tickets/ticket.entity';
import { SlaBatcher } from './sla-batcher';
import { SlaEffects } from './sla-effects.service';
import { SupervisionOrders } from '../supervision/supervision-orders.repository';
import { CLOCK_RUNNING, TRACKED, type SlaKind } from './sla-kinds';
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
    private readonly orders: SupervisionOrders,
    private readonly batcher: SlaBatcher,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const recorded: Record<SlaKind, number> = { warn: 0, breach: 0, accept: 0, follow_up: 0, order: 0 };
    const due: Array<[Exclude<SlaKind, 'order'>, string]> = [
      ['warn', `SELECT id, deadline_version AS v FROM tickets WHERE status IN (?) AND warned_at IS NULL AND warn_at <= ? ORDER BY warn_at LIMIT ${BATCH}`],
      ['breach', `SELECT id, deadline_version AS v FROM tickets WHERE status IN (?) AND sla_state <> 'breached' AND due_at <= ? ORDER BY due_at LIMIT ${BATCH}`],
      ['accept', `SELECT id, dispatch_count AS v FROM tickets WHERE status IN ('dispatched') AND accept_due_at <= ? AND accept_overdue_at IS NULL ORDER BY accept_due_at LIMIT ${BATCH}`],
      ['follow_up', `SELECT id, follow_up_version AS v FROM tickets WHERE status IN (?) AND follow_up_due_at <= ? AND follow_up_missed_at IS NULL ORDER BY follow_up_due_at LIMIT ${BATCH}`],
    ];
    const cutoff = new Date(now.getTime() - SWEEP_GRACE_MS);
    for (const [kind, sql] of due) {
      const rows: Array<{ id: number; v: number }> = await this.db.query(sql, kind === 'accept' ? [cutoff] : [kind === 'follow_up' ? TRACKED : CLOCK_RUNNING, cutoff]);
      // in batches, as the timers are (SlaBatcher): a Redis that lost every timer leaves hundreds due at once
      recorded[kind] += await this.batcher.recordMany(kind, rows.map((r) => ({ ticketId: Number(r.id), kind, version: Number(r.v) })), 'sweep');
    }
    await eachLimit(await this.orders.due(cutoff, BATCH), PARALLEL, async (o) => {
      if (await this.effects.fire({ ticketId: o.ticketId, kind: 'order', version: o.deadlineVersion, orderId: o.id }, 'sweep')) recorded.order++;
    });
    const horizon = new Date(now.getTime() + 2 * this.env.SLA_SWEEP_SECONDS * 1000);
    const upcoming = await this.db
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .select([
        't.id', 't.status', 't.slaState', 't.warnAt', 't.warnedAt', 't.dueAt', 't.deadlineVersion', 't.acceptDueAt', 't.acceptOverdueAt', 't.dispatchCount',
        't.followUpDueAt', 't.followUpMissedAt', 't.followUpVersion',
      ])
      .where(
        `(t.status IN (:...running) AND ((t.warned_at IS NULL AND t.warn_at <= :h) OR (t.sla_state <> 'breached' AND t.due_at <= :h)))
         OR (t.status = 'dispatched' AND t.accept_overdue_at IS NULL AND t.accept_due_at <= :h)
         OR (t.status IN (:...tracked) AND t.follow_up_missed_at IS NULL AND t.follow_up_due_at <= :h)`,
        { running: CLOCK_RUNNING, tracked: TRACKED, h: horizon },
      )
      .limit(10 * BATCH)
      .getMany();
    await eachLimit(upcoming, PARALLEL, (t) => this.timers.arm(t));
    const upcomingOrders = await this.orders.upcoming(horizon, 10 * BATCH);
    await eachLimit(upcomingOrders, PARALLEL, (o) => this.timers.armOrder(o));
    const total = Object.values(recorded).reduce((a, b) => a + b, 0);
    if (total) {
      this.logger.warn(
        `sweep recorded ${recorded.breach} breach(es), ${recorded.warn} warning(s), ${recorded.accept} sign-for overrun(s), ` +
          `${recorded.follow_up} missed follow-up(s), ${recorded.order} overdue order(s) the timers had not`,
      );
    }
    return { recorded, rearmed: upcoming.length + upcomingOrders.length };
  }
}
