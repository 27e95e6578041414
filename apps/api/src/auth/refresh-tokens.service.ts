import { Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
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

  async issue(userId: number, family: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.db.query('INSERT INTO refresh_tokens (user_id, token_hash, family, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      userId,
      hash(token),
      family,
      now,
      new Date(now.getTime() + this.env.REFRESH_TOKEN_HOURS * 3_600_000),
    ]);
    return token;
  }

  /** Uses a token up: the user it belongs to and its family, or 401 (unknown, expired, revoked, reused). */
  async consume(token: string): Promise<{ userId: number; family: string }> {
    const [row]: Array<{ id: number; user_id: number; family: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null }> = await this.db.query(
      'SELECT id, user_id, family, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?',
      [hash(token)],
    );
    if (!row) throw new UnauthorizedException('unknown refresh token: sign in again');
    if (row.revoked_at) throw new UnauthorizedException('refresh token revoked: sign in again');
    if (row.used_at) {
      await this.revokeFamily(row.family);
      throw new RefreshReused(row.user_id, row.family, 'refresh token already used: every session of this sign-in is revoked, sign in again');
    }
    if (new Date(row.expires_at) <= new Date()) throw new UnauthorizedException('refresh token expired: sign in again');
    // single use, also when two requests race with the same token: only one UPDATE matches
    const res = await this.db.query('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL', [new Date(), row.id]);
    if (Number(res.affectedRows) !== 1) {
      await this.revokeFamily(row.family);
      throw new RefreshReused(row.user_id, row.family, 'refresh token already used: every session of this sign-in is revoked, sign in again');
    }
    return { userId: Number(row.user_id), family: row.family };
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
