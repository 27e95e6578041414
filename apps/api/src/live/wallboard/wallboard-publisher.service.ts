import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { WallboardSnapshot } from '@hotline/contracts';
import Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { LiveEvents } from '../realtime/live-events.service';
import { REDIS } from '../../platform/redis/redis.module';
import { WallboardService } from './wallboard.service';

/** Pushes happen at most this often, and only when a ticket event was published since the last one. */
export const WALLBOARD_INTERVAL_MS = 1000;
/** GET serves the shared snapshot while it is this young; the screens show generatedAt. */
const MAX_AGE_MS = 1500;
/** Time alone changes some figures (today rolls over, the intake hours move): push at least this often. */
const REFRESH_MS = 60_000;

/**
 * Computes the wallboard once per interval for every console in every instance: the instance that takes the
 * interval's lock in Redis computes (if anything changed), keeps the snapshot in Redis and pushes it through the
 * socket.io adapter. However many consoles listen, the database sees one computation per second at most.
 */
@Injectable()
export class WallboardPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WallboardPublisher.name);
  private readonly instance = randomUUID();
  private readonly keys: { lock: string; snapshot: string };
  private timer?: NodeJS.Timeout;
  private running = false;
  private computing?: Promise<WallboardSnapshot>;

  constructor(
    private readonly wallboard: WallboardService,
    private readonly live: LiveEvents,
    @Inject(REDIS) private readonly redis: Redis,
    env: EnvDto,
  ) {
    this.keys = { lock: `${env.QUEUE_PREFIX}:wallboard:lock`, snapshot: `${env.QUEUE_PREFIX}:wallboard:snapshot` };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), WALLBOARD_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * The shared snapshot while it is young (the one pushed this last second), or a fresh one. Requests arriving while
   * this process computes share that computation, so however many screens poll, MySQL sees one at a time.
   */
  async current(): Promise<WallboardSnapshot> {
    const last = await this.last();
    if (last && Date.now() - Date.parse(last.generatedAt) < MAX_AGE_MS) return last;
    this.computing ??= (async () => {
      try {
        return await this.store(await this.wallboard.compute(await this.live.currentSeq(), new Date(), last));
      } finally {
        this.computing = undefined;
      }
    })();
    return this.computing;
  }

  /** Shares a snapshot with every instance (kept past the next forced refresh, then gone). */
  private async store(snap: WallboardSnapshot): Promise<WallboardSnapshot> {
    await this.redis.set(this.keys.snapshot, JSON.stringify(snap), 'PX', REFRESH_MS * 2);
    return snap;
  }

  private async last(): Promise<WallboardSnapshot | null> {
    const raw = await this.redis.get(this.keys.snapshot);
    return raw ? (JSON.parse(raw) as WallboardSnapshot) : null;
  }

  async tick(): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      const won = await this.redis.set(this.keys.lock, this.instance, 'PX', WALLBOARD_INTERVAL_MS - 50, 'NX');
      if (!won) return false;
      const seq = await this.live.currentSeq();
      const last = await this.last();
      if (last && last.seq === seq && Date.now() - Date.parse(last.generatedAt) < REFRESH_MS) return false;
      await this.live.publishWallboard(await this.store(await this.wallboard.compute(seq, new Date(), last)));
      return true;
    } catch (e) {
      this.logger.warn(`wallboard not pushed this interval: ${(e as Error).message}`);
      return false;
    } finally {
      this.running = false;
    }
  }
}
