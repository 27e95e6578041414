import { Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EnvDto } from '../config/env.dto';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens: random, only their SHA-256 stored, single use. Each refresh hands out the next token of the same
 * family; presenting a used token again (a stolen copy, or a replay) revokes the whole family, signing that device out.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    private readonly db: DataSource,
    private readonly env: EnvDto,
  ) {}

  async issue(userId: number, family: string = randomUUID(), m: Pick<EntityManager, 'query'> = this.db): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await m.query('INSERT INTO refresh_tokens (user_id, token_hash, family, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      userId,
      hash(token),
      family,
      now,
      new Date(now.getTime() + this.env.REFRESH_TOKEN_HOURS * 3_600_000),
    ]);
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
    const rotated = await this.db.transaction(async (m) => {
      const res = await m.query(
        'UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?',
        [now, hash(token), now],
      );
      if (Number(res.affectedRows) !== 1) return null;
      const [row]: Array<{ user_id: number; family: string }> = await m.query('SELECT user_id, family FROM refresh_tokens WHERE token_hash = ?', [hash(token)]);
      const next = await this.issue(Number(row.user_id), row.family, m);
      return { userId: Number(row.user_id), family: row.family, next };
    });
    if (rotated) return rotated;
    const [row]: Array<{ user_id: number; family: string; used_at: Date | null; revoked_at: Date | null }> = await this.db.query(
      'SELECT user_id, family, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?',
      [hash(token)],
    );
    if (!row) throw new UnauthorizedException('unknown refresh token: sign in again');
    if (row.used_at) {
      await this.revokeFamily(row.family);
      throw new RefreshReused(Number(row.user_id), row.family, 'refresh token already used: every session of this sign-in is revoked, sign in again');
    }
    if (row.revoked_at) throw new UnauthorizedException('refresh token revoked: sign in again');
    throw new UnauthorizedException('refresh token expired: sign in again');
  }

  async revokeFamily(family: string): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL', [new Date(), family]);
  }

  /** Every session of a user (deactivated, password reset). */
  async revokeUser(userId: number): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [new Date(), userId]);
  }

  async familyOf(token: string): Promise<string | null> {
    const [row]: Array<{ family: string }> = await this.db.query('SELECT family FROM refresh_tokens WHERE token_hash = ?', [hash(token)]);
    return row?.family ?? null;
  }

  async forgetExpired(now = new Date()): Promise<number> {
    const res = await this.db.query('DELETE FROM refresh_tokens WHERE expires_at < ? LIMIT 10000', [new Date(now.getTime() - 24 * 3_600_000)]);
    return Number(res.affectedRows ?? 0);
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
