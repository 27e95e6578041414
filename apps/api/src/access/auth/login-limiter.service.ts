import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ApiError } from '../../platform/http/api-error';
import type Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { REDIS } from '../../platform/redis/redis.module';

/**
 * Sign-in throttling in Redis, shared by every instance: per address a cap on attempts per minute and on failures
 * per window; per account a lockout after LOGIN_MAX_FAILURES failures in a row (LOGIN_LOCK_MINUTES). When Redis is
 * unreachable sign-ins are not throttled (the hotline must stay usable); the security log still records them.
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger(LoginLimiter.name);
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly env: EnvDto,
  ) {
    this.prefix = `${env.QUEUE_PREFIX}:auth`;
  }

  private key(kind: string, id: string): string {
    return `${this.prefix}:${kind}:${id}`;
  }

  /** Throws 429 when this address or account may not try now; counts the attempt. `account` is accountKey(...). */
  async before(account: string, username: string, ip: string): Promise<void> {
    try {
      const minute = this.key('rate', `${ip}:${Math.floor(Date.now() / 60_000)}`);
      const [[, attempts], , [, ipFailures], [, lockTtl]] = (await this.redis
        .multi()
        .incr(minute)
        .expire(minute, 60)
        .get(this.key('fail-ip', ip))
        .pttl(this.key('lock', account))
        .exec()) as Array<[Error | null, unknown]>;
      if (Number(lockTtl) > 0) {
        throw new LoginRefused(
          'locked',
          `account ${username} is locked after ${this.env.LOGIN_MAX_FAILURES} failed sign-ins; try again in ${Math.ceil(Number(lockTtl) / 60_000)} min or ask an admin`,
          Math.ceil(Number(lockTtl) / 1000),
        );
      }
      if (Number(attempts) > this.env.LOGIN_RATE_PER_MINUTE) throw new LoginRefused('throttled', `too many sign-in attempts from this address; wait a minute`, 60);
      if (Number(ipFailures ?? 0) >= this.env.LOGIN_MAX_FAILURES_PER_ADDRESS) {
        throw new LoginRefused(
          'throttled',
          `too many failed sign-ins from this address; try again in ${this.env.LOGIN_LOCK_MINUTES} min`,
          Math.ceil(this.env.LOGIN_LOCK_MINUTES * 60),
        );
      }
    } catch (e) {
      if (e instanceof LoginRefused) throw e;
      this.logger.warn(`sign-in throttling unavailable: ${(e as Error).message}`);
    }
  }

  /** A failed sign-in: counts against the account and the address; returns whether the account is now locked. */
  async failed(account: string, ip: string): Promise<boolean> {
    try {
      const window = this.env.LOGIN_LOCK_MINUTES * 60;
      const user = this.key('fail-user', account);
      const addr = this.key('fail-ip', ip);
      const [[, n]] = (await this.redis.multi().incr(user).expire(user, window).incr(addr).expire(addr, window).exec()) as Array<[Error | null, number]>;
      if (Number(n) >= this.env.LOGIN_MAX_FAILURES) {
        await this.redis.multi().set(this.key('lock', account), '1', 'EX', window).del(user).exec();
        return true;
      }
    } catch (e) {
      this.logger.warn(`sign-in failure not counted: ${(e as Error).message}`);
    }
    return false;
  }

  async succeeded(account: string): Promise<void> {
    await this.redis.del(this.key('fail-user', account)).catch(() => undefined);
  }

  /** An admin lifts a lockout (or resets the password). */
  async unlock(account: string): Promise<void> {
    await this.redis.del(this.key('lock', account), this.key('fail-user', account)).catch(() => undefined);
  }
}

/**
 * What failures count against and what a lock holds: the user's id when the name is an account, so that no other
 * spelling starts a counter of its own; a name that is no account counts under its canonical form.
 */
export function accountKey(user: { id: number } | null | undefined, canonicalName: string): string {
  return user ? `user:${user.id}` : `name:${canonicalName}`;
}

/** 429: ACCOUNT_LOCKED for a locked account, RATE_LIMITED for an address that tries too often. */
export class LoginRefused extends ApiError {
  constructor(
    readonly reason: 'locked' | 'throttled',
    message: string,
    retryAfterSeconds?: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, reason === 'locked' ? 'ACCOUNT_LOCKED' : 'RATE_LIMITED', { reason: message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
  }
}
