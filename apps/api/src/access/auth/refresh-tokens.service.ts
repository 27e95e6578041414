import { Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EnvDto } from '../../platform/config/env.dto';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { retryOnDeadlock } from '../../platform/database/errors';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens: random, only their SHA-256 stored, single use. Each refresh hands out the next token of the same
 * family; presenting a used token again (a stolen copy, or a replay) revokes the whole family, signing that device out.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: RefreshTokensRepository,
    private readonly env: EnvDto,
  ) {}

  async issue(userId: number, family: string = randomUUID(), m: Pick<EntityManager, 'query'> = this.db): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.tokens.insert(m, { userId, tokenHash: hash(token), family, createdAt: now, expiresAt: new Date(now.getTime() + this.env.REFRESH_TOKEN_HOURS * 3_600_000) });
    return token;
  }

  /**
   * Uses a token up and hands out the next of its family, in one transaction: the conditional UPDATE that marks it used
   * is the only judge of who got there first, and the next token is written before that row's lock is released, so a
   * racing copy of the token (which waits on the row, then finds it used) revokes a family that already holds the
   * next token. 401 for an unknown, expired or revoked token; RefreshReused (the family revoked) for a used one.
   */
  async rotate(token: string): Promise<{ userId: number; family: string; next: string }> {
    const now = new Date();
    // racing copies of one token lock the family's rows and gaps in different orders (the next token's insert, another
    // copy's revocation): InnoDB may roll one back as a deadlock's victim, and it is tried again
    const rotated = await retryOnDeadlock(() =>
      this.db.transaction(async (m) => {
        if (!(await this.tokens.markUsed(m, hash(token), now))) return null;
        const { userId, family } = await this.tokens.ownerOf(m, hash(token));
        const next = await this.issue(userId, family, m);
        return { userId, family, next };
      }),
    );
    if (rotated) return rotated;
    const row = await this.tokens.find(hash(token));
    if (!row) throw new UnauthorizedException('unknown refresh token: sign in again');
    if (row.usedAt) {
      await this.revokeFamily(row.family);
      throw new RefreshReused(row.userId, row.family, 'refresh token already used: every session of this sign-in is revoked, sign in again');
    }
    if (row.revokedAt) throw new UnauthorizedException('refresh token revoked: sign in again');
    throw new UnauthorizedException('refresh token expired: sign in again');
  }

  async revokeFamily(family: string): Promise<void> {
    await retryOnDeadlock(() => this.tokens.revokeFamily(family, new Date()));
  }

  /** Every session of a user (deactivated, password reset). */
  async revokeUser(userId: number): Promise<void> {
    await this.tokens.revokeUser(userId, new Date());
  }

  async familyOf(token: string): Promise<string | null> {
    return this.tokens.familyOf(hash(token));
  }

  async forgetExpired(now = new Date()): Promise<number> {
    return this.tokens.deleteExpired(new Date(now.getTime() - 24 * 3_600_000));
  }
}

export class RefreshReused extends UnauthorizedException {
  constructor(
    readonly userId: number,
    readonly family: string,
    message: string,
  ) {
    super(message);
  }
}
