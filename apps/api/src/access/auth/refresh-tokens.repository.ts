import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface RefreshTokenRow {
  userId: number;
  family: string;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Every query on `refresh_tokens`, by the token's SHA-256 (the token itself is never stored). */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: Pick<EntityManager, 'query'>, t: { userId: number; tokenHash: string; family: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await m.query('INSERT INTO refresh_tokens (user_id, token_hash, family, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      t.userId,
      t.tokenHash,
      t.family,
      t.createdAt,
      t.expiresAt,
    ]);
  }

  /** The conditional UPDATE that uses a token up: true for the one caller that got there first. */
  async markUsed(m: EntityManager, tokenHash: string, now: Date): Promise<boolean> {
    const res = await m.query('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?', [now, tokenHash, now]);
    return Number(res.affectedRows) === 1;
  }

  /** The owner and family of a token, in the caller's transaction. */
  async ownerOf(m: EntityManager, tokenHash: string): Promise<{ userId: number; family: string }> {
    const [row]: Array<{ user_id: number; family: string }> = await m.query('SELECT user_id, family FROM refresh_tokens WHERE token_hash = ?', [tokenHash]);
    return { userId: Number(row.user_id), family: row.family };
  }

  async find(tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row]: Array<{ user_id: number; family: string; used_at: Date | null; revoked_at: Date | null }> = await this.db.query(
      'SELECT user_id, family, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?',
      [tokenHash],
    );
    return row ? { userId: Number(row.user_id), family: row.family, usedAt: row.used_at, revokedAt: row.revoked_at } : null;
  }

  async revokeFamily(family: string, at: Date): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL', [at, family]);
  }

  async revokeUser(userId: number, at: Date): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [at, userId]);
  }

  async familyOf(tokenHash: string): Promise<string | null> {
    const [row]: Array<{ family: string }> = await this.db.query('SELECT family FROM refresh_tokens WHERE token_hash = ?', [tokenHash]);
    return row?.family ?? null;
  }

  /** Deletes (at most 10,000 of) the tokens that expired before `before`; how many. */
  async deleteExpired(before: Date): Promise<number> {
    const res = await this.db.query('DELETE FROM refresh_tokens WHERE expires_at < ? LIMIT 10000', [before]);
    return Number(res.affectedRows ?? 0);
  }
}
