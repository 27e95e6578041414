import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { EnvDto } from '../platform/config/env.dto';
import { withNamedLock } from '../platform/database/named-lock';
import { SlaBatcher } from './sla-batcher';
import type { SlaJob } from './sla-kinds';
import { SlaSweeper } from './sla-sweeper.service';
import { SLA_QUEUE } from './sla-timers.service';

/**
 * Runs the SLA timers (a BullMQ worker) and the sweeper. The sweeper runs on this process's own timer, not as a
 * job in Redis, so that it survives Redis losing everything; a MySQL named lock lets one worker sweep at a time.
 */
@Injectable()
export class SlaWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaWorker.name);
  private worker: Worker<SlaJob> | null = null;
  private connection: Redis | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly env: EnvDto,
    private readonly db: DataSource,
    private readonly effects: SlaBatcher,
    private readonly sweeper: SlaSweeper,
  ) {}

  get enabled(): boolean {
    return this.env.SLA_ROLE !== 'api';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.connection = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', (e) => this.logger.warn(`Redis (SLA worker): ${e.message}`));
    // timers falling due together are recorded in batches (SlaBatcher): the concurrency is how many can wait in one
    this.worker = new Worker<SlaJob>(SLA_QUEUE, async (job) => void (await this.effects.fire(job.data)), {
      connection: this.connection,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: 100,
    });
    this.worker.on('error', (e) => this.logger.warn(`SLA worker: ${e.message}`));
    await this.sweepOnce(); // at once on start-up: catch up on whatever came due while no worker ran
    this.sweepTimer = setInterval(() => void this.sweepOnce(), this.env.SLA_SWEEP_SECONDS * 1000);
  }

  /** One sweep, unless this process or another worker is sweeping now. */
  sweepOnce(): Promise<void> {
    this.sweeping ??= this.lockedSweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async lockedSweep(): Promise<void> {
    try {
      await withNamedLock(this.db, 'hotline_sla_sweep', 0, () => this.sweeper.sweep());
    } catch (e) {
      this.logger.error(`SLA sweep failed: ${(e as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    await this.worker?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
