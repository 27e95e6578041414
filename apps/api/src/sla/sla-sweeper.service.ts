import { Injectable, Logger } from '@nestjs/common';
import { EnvDto } from '../platform/config/env.dto';
import { TicketsRepository } from '../casework/tickets/tickets.repository';
import { SlaBatcher } from './sla-batcher';
import { SupervisionOrders } from '../supervision/supervision-orders.repository';
import type { SlaKind } from './sla-kinds';
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
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
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
    private readonly tickets: TicketsRepository,
    private readonly env: EnvDto,
    private readonly timers: SlaTimers,
    private readonly orders: SupervisionOrders,
    private readonly batcher: SlaBatcher,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const recorded: Record<SlaKind, number> = { warn: 0, breach: 0, accept: 0, follow_up: 0, order: 0 };
    const cutoff = new Date(now.getTime() - SWEEP_GRACE_MS);
    for (const kind of ['warn', 'breach', 'accept', 'follow_up'] as const) {
      const rows = await this.tickets.dueForSweep(kind, cutoff, BATCH);
      // in batches, as the timers are (SlaBatcher): a Redis that lost every timer leaves hundreds due at once
      recorded[kind] += await this.batcher.recordMany(
        kind,
        rows.map((r) => ({ ticketId: Number(r.id), kind, version: Number(r.v) })),
        'sweep',
      );
    }
    const orders = await this.orders.due(cutoff, BATCH);
    recorded.order += await this.batcher.recordMany(
      'order',
      orders.map((o) => ({ ticketId: o.ticketId, kind: 'order' as const, version: o.deadlineVersion, orderId: o.id })),
      'sweep',
    );
    const horizon = new Date(now.getTime() + 2 * this.env.SLA_SWEEP_SECONDS * 1000);
    const upcoming = await this.tickets.upcomingTimers(horizon, 10 * BATCH);
    await eachLimit(upcoming, PARALLEL, (t) => this.timers.arm(t));
    const upcomingOrders = await this.orders.upcoming(horizon, 10 * BATCH);
    await this.timers.armOrders(upcomingOrders);
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
