import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { EnvDto } from '../../platform/config/env.dto';
import { withNamedLock } from '../../platform/database/named-lock';
import { TicketUnderstanding } from './ticket-understanding.service';
import { UNDERSTANDING_QUEUE, UnderstandingQueue, type UnderstandingJob } from './understanding-queue.service';

/** How often the sweep looks for tickets whose job was lost, and how far back. */
const SWEEP_EVERY_MS = 30_000;
const SWEEP_BACK_MS = 3_600_000;
/** A ticket younger than this may still have its job in flight. */
const SWEEP_GRACE_MS = 20_000;

/**
 * Runs the understanding jobs where the SLA timers run (SLA_ROLE all or worker), and a sweep that queues again the
 * recent tickets never understood (Redis lost the job): the database drives the queue.
 */
@Injectable()
export class UnderstandingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnderstandingWorker.name);
  private worker: Worker<UnderstandingJob> | null = null;
  private connection: Redis | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly env: EnvDto,
    private readonly db: DataSource,
    private readonly understanding: TicketUnderstanding,
    private readonly queue: UnderstandingQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.SLA_ROLE === 'api') return;
    this.connection = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', (e) => this.logger.warn(`Redis (understanding worker): ${e.message}`));
    this.worker = new Worker<UnderstandingJob>(UNDERSTANDING_QUEUE, async (job) => void (await this.understanding.understand(job.data.ticketId)), {
      connection: this.connection,
      prefix: this.env.QUEUE_PREFIX,
      // a few at a time: each holds one or two of the pool's MySQL connections for a few reads, and registrations need
      // them more; tickets of one area queue in Hotspots without holding any
      concurrency: 4,
    });
    this.worker.on('error', (e) => this.logger.warn(`understanding worker: ${e.message}`));
    this.worker.on('failed', (job, e) => this.logger.warn(`understanding of ticket ${job?.data.ticketId} failed: ${e.message}`));
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
  }

  /** Queues again what was registered in the last hour and never understood; one worker sweeps at a time. */
  async sweep(now = Date.now()): Promise<number> {
    try {
      const ids = await withNamedLock(this.db, 'hotline_understanding_sweep', 0, () =>
        this.understanding.notUnderstood(new Date(now - SWEEP_BACK_MS), new Date(now - SWEEP_GRACE_MS)),
      );
      if (ids?.length) {
        this.logger.warn(`${ids.length} ticket(s) registered without understanding (a lost job): queued again`);
        await this.queue.enqueue(ids);
      }
      return ids?.length ?? 0;
    } catch (e) {
      this.logger.error(`understanding sweep failed: ${(e as Error).message}`);
      return 0;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.worker?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
