import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';

export const UNDERSTANDING_QUEUE = 'understanding';

/** A job carries the ticket's id only; the worker re-reads the ticket. */
export interface UnderstandingJob {
  ticketId: number;
}

export const understandingJobId = (ticketId: number): string => `understand-${ticketId}`;

/**
 * Queues what registration no longer does inside the request: cutting the ticket's words once, the repeat-call check
 * and hotspot detection (UnderstandingWorker). Redis is only the wake-up call: a job that cannot be added is logged and
 * the worker's sweep finds the ticket (no ticket_words row) within a minute.
 */
@Injectable()
export class UnderstandingQueue implements OnApplicationShutdown {
  readonly queue: Queue<UnderstandingJob>;
  private readonly logger = new Logger(UnderstandingQueue.name);
  private readonly connection: Redis;

  constructor(env: EnvDto) {
    this.connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000 });
    this.connection.on('error', (e) => this.logger.warn(`Redis (understanding queue): ${e.message}`));
    this.queue = new Queue<UnderstandingJob>(UNDERSTANDING_QUEUE, {
      connection: this.connection,
      prefix: env.QUEUE_PREFIX,
      // a failed job is not kept: its id must stay free for the sweep to queue the ticket again
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 200 } },
    });
    this.queue.on('error', (e) => this.logger.warn(`understanding queue: ${e.message}`));
  }

  /** Never fails: the ticket has committed, and the sweep repairs a lost job. */
  async enqueue(ticketIds: number[]): Promise<void> {
    if (!ticketIds.length) return;
    try {
      if (ticketIds.length === 1) await this.queue.add('understand', { ticketId: ticketIds[0] }, { jobId: understandingJobId(ticketIds[0]) });
      else await this.queue.addBulk(ticketIds.map((ticketId) => ({ name: 'understand', data: { ticketId }, opts: { jobId: understandingJobId(ticketId) } })));
    } catch (e) {
      this.logger.warn(`could not queue the understanding of ticket(s) ${ticketIds.join(', ')} (the sweep will): ${(e as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
