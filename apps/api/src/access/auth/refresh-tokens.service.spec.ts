import { UnauthorizedException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EnvDto } from '../../platform/config/env.dto';
import type { RefreshTokensRepository } from './refresh-tokens.repository';
import { RefreshReused, RefreshTokens } from './refresh-tokens.service';

interface Stored {
  userId: number;
  family: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** The rotation's rules without MySQL: an in-memory table behind the repository's methods. */
function setup() {
  const rows = new Map<string, Stored>();
  const repo: Partial<RefreshTokensRepository> = {
    insert: async (_m, t) => void rows.set(t.tokenHash, { userId: t.userId, family: t.family, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: null, revokedAt: null }),
    markUsed: async (_m, hash, now) => {
      const r = rows.get(hash);
      if (!r || r.usedAt || r.revokedAt || r.expiresAt <= now) return false;
      r.usedAt = now;
      return true;
    },
    ownerOf: async (_m, hash) => ({ userId: rows.get(hash)!.userId, family: rows.get(hash)!.family }),
    find: async (hash) => rows.get(hash) ?? null,
    revokeFamily: async (family, at) => rows.forEach((r) => r.family === family && !r.revokedAt && (r.revokedAt = at)),
    familyOf: async (hash) => rows.get(hash)?.family ?? null,
  };
  const db = { transaction: (fn: (m: unknown) => unknown) => fn({}) } as unknown as DataSource;
  const tokens = new RefreshTokens(db, repo as RefreshTokensRepository, { REFRESH_TOKEN_HOURS: 12 } as EnvDto);
  return { tokens, rows };
}

describe('RefreshTokens', () => {
  it('stores only a hash, valid for REFRESH_TOKEN_HOURS', async () => {
    const { tokens, rows } = setup();
    const token = await tokens.issue(4, 'fam-a');
    const [[hash, row]] = [...rows];
    expect(hash).not.toContain(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 3_600_000);
  });

  it('rotates a token once: the next one is of the same family, the old one is used up', async () => {
    const { tokens } = setup();
    const first = await tokens.issue(4, 'fam-a');
    const { userId, family, next } = await tokens.rotate(first);
    expect({ userId, family }).toEqual({ userId: 4, family: 'fam-a' });
    expect(next).not.toBe(first);
    expect(await tokens.familyOf(next)).toBe('fam-a');
    await expect(tokens.rotate(next)).resolves.toMatchObject({ family: 'fam-a' });
  });

  it('a used token presented again revokes its whole family', async () => {
    const { tokens, rows } = setup();
    const first = await tokens.issue(4, 'fam-a');
    const other = await tokens.issue(4, 'fam-b');
    const { next } = await tokens.rotate(first);
    const replay = tokens.rotate(first);
    await expect(replay).rejects.toBeInstanceOf(RefreshReused);
    await expect(replay).rejects.toMatchObject({ userId: 4, family: 'fam-a' });
    expect([...rows.values()].filter((r) => r.family === 'fam-a').every((r) => r.revokedAt)).toBe(true);
    await expect(tokens.rotate(next)).rejects.toThrow(/revoked/);
    await expect(tokens.rotate(other)).resolves.toMatchObject({ family: 'fam-b' });
  });

  it('refuses an unknown or expired token with 401', async () => {
    const { tokens, rows } = setup();
    await expect(tokens.rotate('no-such-token')).rejects.toThrow(/unknown/);
    const token = await tokens.issue(4, 'fam-a');
    for (const r of rows.values()) r.expiresAt = new Date(Date.now() - 1000);
    const expired = tokens.rotate(token);
    await expect(expired).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(expired).rejects.toThrow(/expired/);
  });
});
