import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { LiveEvents } from '../../live/realtime/live-events.service';
import { signInRoom, userRoom } from '../../live/realtime/rooms';
import { REDIS } from '../../platform/redis/redis.module';
import { UsersRepository } from '../users/users.repository';
import { RefreshTokens } from './refresh-tokens.service';

/** How long an instance trusts what it last learned about a session: the most a revocation is late here. */
const LOCAL_CACHE_MS = 500;
const LOCAL_CACHE_MAX = 20_000;

/** Raises the cached generation, never lowers it (two revocations racing leave the higher). */
const RAISE_GENERATION = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1`;

export interface SessionClaims {
  userId: number;
  /** The user's session generation when the token was made. */
  generation: number;
  /** The sign-in (refresh-token family), when the token names one. */
  sessionId: string | null;
}

/**
 * Whether an access token's session still stands, checked on every request and socket handshake. MySQL holds the
 * truth: the user's session generation (raised when the account is deactivated, its password, role or department
 * changes) and the revoked refresh-token families (sign-out, a reused refresh token). Redis caches both for every
 * instance, and each instance remembers an answer for half a second, so a revocation is seen everywhere within a
 * second; the user's (or that sign-in's) sockets are closed at once on every instance through the socket.io adapter.
 */
@Injectable()
export class Sessions {
  private readonly logger = new Logger(Sessions.name);
  private readonly prefix: string;
  private readonly local = new Map<string, number>();

  constructor(
    private readonly users: UsersRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly env: EnvDto,
    private readonly live: LiveEvents,
    private readonly refreshTokens: RefreshTokens,
  ) {
    this.prefix = `${env.QUEUE_PREFIX}:auth`;
  }

  private generationKey = (userId: number) => `${this.prefix}:gen:${userId}`;
  private signInKey = (sessionId: string) => `${this.prefix}:signin-revoked:${sessionId}`;

  /** The generation new tokens of this user carry. */
  async generationOf(userId: number): Promise<number> {
    return this.users.sessionGeneration(userId);
  }

  /** Throws 401 when the session the token speaks for has ended. */
  async assertCurrent(c: SessionClaims): Promise<void> {
    const cacheKey = `${c.userId}|${c.generation}|${c.sessionId ?? ''}`;
    const until = this.local.get(cacheKey);
    if (until !== undefined && until > Date.now()) return;
    const { generation, revoked } = await this.lookup(c.userId, c.sessionId);
    if (generation !== c.generation) throw new UnauthorizedException('session ended (the account changed or was deactivated): sign in again');
    if (revoked) throw new UnauthorizedException('session ended (signed out or revoked): sign in again');
    if (this.local.size >= LOCAL_CACHE_MAX) this.local.clear();
    this.local.set(cacheKey, Date.now() + LOCAL_CACHE_MS);
  }

  /** Every session of the user ends: tokens made before are refused, refresh tokens revoked, sockets closed. */
  async endAllOf(userId: number): Promise<void> {
    await this.users.raiseSessionGeneration(userId);
    await this.refreshTokens.revokeUser(userId);
    const generation = await this.generationOf(userId);
    await this.forget(() => this.redis.eval(RAISE_GENERATION, 1, this.generationKey(userId), generation, this.cacheSeconds()));
    this.dropLocal((key) => key.startsWith(`${userId}|`));
    await this.live.disconnect([userRoom(userId)]);
  }

  /** One sign-in ends (its refresh-token family was revoked): its access tokens are refused, its sockets closed. */
  async endSignIn(sessionId: string): Promise<void> {
    await this.forget(() => this.redis.set(this.signInKey(sessionId), '1', 'EX', this.cacheSeconds()));
    this.dropLocal((key) => key.endsWith(`|${sessionId}`));
    await this.live.disconnect([signInRoom(sessionId)]);
  }

  /** Redis first; on a miss (or Redis away) MySQL, whose answer is cached without overwriting a newer revocation. */
  private async lookup(userId: number, sessionId: string | null): Promise<{ generation: number; revoked: boolean }> {
    let cached: Array<string | null> | null = null;
    try {
      cached = await this.redis.mget(this.generationKey(userId), sessionId ? this.signInKey(sessionId) : this.generationKey(userId));
    } catch (e) {
      this.logger.warn(`session cache unavailable, asking MySQL: ${(e as Error).message}`);
    }
    if (cached && cached[0] !== null && (!sessionId || cached[1] !== null)) {
      return { generation: Number(cached[0]), revoked: Boolean(sessionId) && cached[1] === '1' };
    }
    const { generation, revoked } = await this.users.sessionState(userId, sessionId);
    if (generation === null) throw new UnauthorizedException('no such account: sign in again');
    if (cached) {
      const ttl = this.cacheSeconds();
      const m = this.redis.multi().set(this.generationKey(userId), generation, 'EX', ttl, 'NX');
      if (sessionId) m.set(this.signInKey(sessionId), revoked ? '1' : '0', 'EX', ttl, 'NX');
      await this.forget(() => m.exec());
    }
    return { generation, revoked };
  }

  /** Cached answers live as long as an access token: by then no token that asks about them is left. */
  private cacheSeconds(): number {
    return this.env.JWT_EXPIRES_IN_SECONDS + 60;
  }

  private dropLocal(match: (key: string) => boolean): void {
    for (const key of this.local.keys()) if (match(key)) this.local.delete(key);
  }

  private async forget(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (e) {
      // MySQL has the revocation; instances asking MySQL (Redis away) see it, the others once their cache entry expires
      this.logger.warn(`session cache not updated: ${(e as Error).message}`);
    }
  }
}
