import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { TicketArchiver } from './ticket-archiver.service';

export const ARCHIVE_QUEUE = 'archive';
const SCHEDULER_ID = 'archive-closed-tickets';

/**
 * Runs the archive on worker processes (SLA_ROLE all or worker) as a BullMQ job scheduler: one job per ARCHIVE_CRON
 * tick (Asia/Shanghai), whichever worker takes it; the mover's named lock keeps two runs apart all the same. A lost
 * tick costs nothing: the next run moves whatever is due. ARCHIVE_AFTER_DAYS=0 removes the schedule.
 */
@Injectable()
export class ArchiveScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ArchiveScheduler.name);
  private connection: Redis | null = null;
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    private readonly env: EnvDto,
    private readonly archiver: TicketArchiver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.SLA_ROLE === 'api') return;
    this.connection = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', (e) => this.logger.warn(`Redis (archive): ${e.message}`));
    this.queue = new Queue(ARCHIVE_QUEUE, { connection: this.connection, prefix: this.env.QUEUE_PREFIX });
    this.queue.on('error', (e) => this.logger.warn(`archive queue: ${e.message}`));
    try {
      if (this.env.ARCHIVE_AFTER_DAYS === 0) {
        await this.queue.removeJobScheduler(SCHEDULER_ID);
        return;
      }
      await this.queue.upsertJobScheduler(
        SCHEDULER_ID,
        { pattern: this.env.ARCHIVE_CRON, tz: 'Asia/Shanghai' },
        { name: 'archive', data: {}, opts: { removeOnComplete: 10, removeOnFail: 10 } },
      );
    } catch (e) {
      // the worker's other duties go on; the schedule is written again at the next start
      this.logger.warn(`could not schedule the archive: ${(e as Error).message}`);
    }
    this.worker = new Worker(ARCHIVE_QUEUE, () => this.runOnce(), { connection: this.connection, prefix: this.env.QUEUE_PREFIX, concurrency: 1 });
    this.worker.on('error', (e) => this.logger.warn(`archive worker: ${e.message}`));
  }

  async runOnce(): Promise<void> {
    const run = await this.archiver.run({ olderThanDays: this.env.ARCHIVE_AFTER_DAYS, batchSize: this.env.ARCHIVE_BATCH_SIZE });
    if (!run.ran) this.logger.log('archive: another process is archiving; skipped');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
