import type Redis from 'ioredis';

/**
 * A version number in Redis that every instance reads to know when data it caches from MySQL changed (keyword rules,
 * knowledge-base articles). Without Redis the version changes every 5 s, so that instances re-read MySQL on their own.
 */
export class SharedVersion {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
  ) {}

  async read(): Promise<string> {
    return (await this.redis.get(this.key).catch(() => null)) ?? `local-${Math.floor(Date.now() / 5000)}`;
  }

  /** After a change: every instance sees a new version at its next check. */
  async bump(): Promise<void> {
    await this.redis.incr(this.key).catch(() => undefined);
  }
}
