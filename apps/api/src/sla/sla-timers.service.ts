import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { EnvDto } from '../platform/config/env.dto';
import type { TicketEntity } from '../casework/tickets/ticket.entity';
import { CLOCK_RUNNING, TRACKED, slaJobId, type SlaJob, type SlaKind } from './sla-kinds';

export const SLA_QUEUE = 'sla';

type ArmableTicket = Pick<TicketEntity, 'id' | 'status' | 'slaState' | 'warnAt' | 'warnedAt' | 'dueAt' | 'deadlineVersion' | 'acceptDueAt' | 'acceptOverdueAt' | 'dispatchCount'> &
  Partial<Pick<TicketEntity, 'followUpDueAt' | 'followUpMissedAt' | 'followUpVersion'>>;

/** A supervision order's deadline timer: armed while the order is open and not yet past its last level. */
export interface ArmableOrder {
  id: number;
  ticketId: number;
  status: string;
  dueAt: Date;
  deadlineVersion: number;
  overdueAt: Date | null;
}

/**
 * Arms a ticket's timers as BullMQ delayed jobs. Redis is only the wake-up call: a failed add is logged and
 * left to the sweeper, a stale job is harmless because the processor re-checks the ticket in MySQL.
 */
@Injectable()
export class SlaTimers implements OnApplicationShutdown {
  readonly queue: Queue<SlaJob>;
  private readonly logger = new Logger(SlaTimers.name);
  private readonly connection: Redis;

  constructor(env: EnvDto) {
    // Fail fast when Redis is away, rather than queueing commands in memory: the sweeper re-arms later.
    this.connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000 });
    this.connection.on('error', (e) => this.logger.warn(`Redis (SLA queue): ${e.message}`));
    this.queue = new Queue<SlaJob>(SLA_QUEUE, {
      connection: this.connection,
      prefix: env.QUEUE_PREFIX,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 200 } },
    });
    this.queue.on('error', (e) => this.logger.warn(`SLA queue: ${e.message}`));
  }

  /** The timers the ticket needs now, with when each is due. */
  static timersOf(t: ArmableTicket): Array<SlaJob & { at: Date }> {
    const out: Array<SlaJob & { at: Date }> = [];
    if (CLOCK_RUNNING.includes(t.status)) {
      if (!t.warnedAt) out.push({ ticketId: t.id, kind: 'warn', version: t.deadlineVersion, at: t.warnAt });
      if (t.slaState !== 'breached') out.push({ ticketId: t.id, kind: 'breach', version: t.deadlineVersion, at: t.dueAt });
    }
    if (t.status === 'dispatched' && t.acceptDueAt && !t.acceptOverdueAt) {
      out.push({ ticketId: t.id, kind: 'accept', version: t.dispatchCount, at: t.acceptDueAt });
    }
    if (TRACKED.includes(t.status) && t.followUpDueAt && !t.followUpMissedAt) {
      out.push({ ticketId: t.id, kind: 'follow_up', version: t.followUpVersion ?? 0, at: t.followUpDueAt });
    }
    return out;
  }

  /** Adds the ticket's timers (a repeat add of the same timer is a no-op: the job id is deterministic). */
  async arm(t: ArmableTicket, now = Date.now()): Promise<void> {
    const timers = SlaTimers.timersOf(t);
    if (!timers.length) return;
    try {
      // One round trip for all of a ticket's timers.
      await this.queue.addBulk(timers.map(({ at, ...job }) => ({ name: job.kind, data: job, opts: { jobId: slaJobId(job), delay: Math.max(0, at.getTime() - now) } })));
    } catch (e) {
      this.logger.warn(`could not arm the timers of ticket ${t.id} (the sweeper will): ${(e as Error).message}`);
    }
  }

  /** Arms the deadline of a supervision order (a repeat add is a no-op). */
  armOrder(o: ArmableOrder, now = Date.now()): Promise<void> {
    return this.armOrders([o], now);
  }

  /** Arms the deadlines of supervision orders, in one round trip (a repeat add is a no-op). */
  async armOrders(orders: ArmableOrder[], now = Date.now()): Promise<void> {
    const due = orders.filter((o) => o.status === 'open' && !o.overdueAt);
    if (!due.length) return;
    const jobs = due.map((o): SlaJob => ({ ticketId: o.ticketId, kind: 'order', version: o.deadlineVersion, orderId: o.id }));
    try {
      await this.queue.addBulk(jobs.map((job, i) => ({ name: 'order', data: job, opts: { jobId: slaJobId(job), delay: Math.max(0, due[i].dueAt.getTime() - now) } })));
    } catch (e) {
      this.logger.warn(`could not arm the deadlines of supervision orders ${due.map((o) => o.id).join(', ')} (the sweeper will): ${(e as Error).message}`);
    }
  }

  /** Removes timers that no longer apply; a job that cannot be removed fires harmlessly. */
  async disarm(ticketId: number, timers: Array<{ kind: SlaKind; version: number }>): Promise<void> {
    try {
      await Promise.all(timers.map((j) => this.queue.remove(slaJobId({ ticketId, ...j }))));
    } catch (e) {
      this.logger.warn(`could not remove timers of ticket ${ticketId}: ${(e as Error).message}`);
    }
  }

  /** After a change: drop the timers of the ticket's state before, arm those of its state now. */
  async rearm(before: ArmableTicket, after: ArmableTicket): Promise<void> {
    const keep = new Set(SlaTimers.timersOf(after).map(slaJobId));
    const gone = SlaTimers.timersOf(before).filter((j) => !keep.has(slaJobId(j)));
    await Promise.all([gone.length ? this.disarm(before.id, gone) : undefined, this.arm(after)]);
  }

  /** After the HTTP server has closed (requests in flight arm their timers first). */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
