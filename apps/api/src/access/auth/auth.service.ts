import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, UserDto } from '@hotline/contracts';
import { EnvDto } from '../../platform/config/env.dto';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuthEvents } from './auth-events.service';
import { LoginLimiter, LoginRefused, accountKey } from './login-limiter.service';
import { UNMATCHABLE_HASH, verifyPassword } from './password';
import { RefreshReused, RefreshTokens } from './refresh-tokens.service';
import { Sessions } from './sessions.service';
import { randomUUID } from 'node:crypto';

/**
 * Sign-in: short-lived access tokens (JWT_EXPIRES_IN_SECONDS) with rotating refresh tokens (REFRESH_TOKEN_HOURS),
 * throttled per address and locked per account after repeated failures, every outcome in the security log.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly env: EnvDto,
    private readonly limiter: LoginLimiter,
    private readonly refreshTokens: RefreshTokens,
    private readonly events: AuthEvents,
    private readonly sessions: Sessions,
  ) {}

  /** `username` is canonical (LoginDto); the column compares bytes, so one form matches one account. */
  async login(username: string, password: string, ip = 'unknown'): Promise<LoginResponse> {
    const user = await this.users.byUsername(username);
    const account = accountKey(user, username);
    try {
      await this.limiter.before(account, username, ip);
    } catch (e) {
      if (e instanceof LoginRefused)
        await this.events.record(e.reason === 'locked' ? 'login_locked' : 'login_throttled', { username, userId: user?.id ?? null, ip, detail: e.message });
      throw e;
    }
    const ok = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
    const expired = user?.expiresAt != null && user.expiresAt.getTime() <= Date.now();
    if (!user || !ok || !user.active || expired) {
      const locked = await this.limiter.failed(account, ip);
      await this.events.record('login_failed', {
        username,
        userId: user?.id ?? null,
        ip,
        detail: !user ? 'no such user' : !ok ? 'wrong password' : expired ? 'expired' : 'inactive',
      });
      if (locked) await this.events.record('login_locked', { username, userId: user?.id ?? null, ip, detail: `locked for ${this.env.LOGIN_LOCK_MINUTES} min` });
      throw new UnauthorizedException('wrong username or password');
    }
    await this.limiter.succeeded(account);
    await this.events.record('login_ok', { username, userId: user.id, ip });
    const family = randomUUID();
    return this.tokensFor(user, family, await this.refreshTokens.issue(user.id, family));
  }

  async refresh(token: string, ip = 'unknown'): Promise<LoginResponse> {
    let used: { userId: number; family: string; next: string };
    try {
      used = await this.refreshTokens.rotate(token);
    } catch (e) {
      if (e instanceof RefreshReused) {
        await this.sessions.endSignIn(e.family);
        await this.events.record('refresh_reuse', { userId: e.userId, ip, detail: 'a used refresh token came back: its family was revoked' });
      }
      throw e;
    }
    const user = await this.users.byId(used.userId);
    if (!user || !user.active || (user.expiresAt != null && user.expiresAt.getTime() <= Date.now())) {
      await this.refreshTokens.revokeFamily(used.family);
      await this.sessions.endSignIn(used.family);
      throw new UnauthorizedException('account is not active: sign in again');
    }
    await this.events.record('refresh', { username: user.username, userId: user.id, ip });
    return this.tokensFor(user, used.family, used.next);
  }

  async logout(token: string, ip = 'unknown'): Promise<void> {
    const family = await this.refreshTokens.familyOf(token);
    if (family) {
      await this.refreshTokens.revokeFamily(family);
      await this.sessions.endSignIn(family);
      await this.events.record('logout', { ip, detail: `family ${family.slice(0, 8)}` });
    }
  }

  private async tokensFor(user: UserEntity, family: string, refreshToken: string): Promise<LoginResponse> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, dept: user.departmentId, gen: await this.sessions.generationOf(user.id), sid: family },
      { algorithm: 'HS256', expiresIn: this.env.JWT_EXPIRES_IN_SECONDS },
    );
    return { accessToken, refreshToken, expiresIn: this.env.JWT_EXPIRES_IN_SECONDS, user: toUserDto(user) };
  }
}

export function toUserDto(u: UserEntity): UserDto {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId };
}
