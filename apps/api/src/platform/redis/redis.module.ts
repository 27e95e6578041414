import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { EnvDto } from '../config/env.dto';

export const REDIS = Symbol('REDIS');

/** One shared ioredis connection (auto-pipelined). Redis is a wake-up call here, never the source of truth. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [EnvDto],
      // auto-pipelining: the commands issued in one tick (a batch's events, a request's lookups) go out in one write; this
      // connection never blocks (the queues' workers have their own)
      useFactory: (env: EnvDto) =>
        new Redis(env.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: false, connectTimeout: 3000, enableAutoPipelining: true }),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
