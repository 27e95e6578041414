import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface Open311KeyDto {
  id: number;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** API keys for partner apps: shown once when issued, kept only as their SHA-256. */
@Injectable()
export class Open311Keys {
  constructor(private readonly db: DataSource) {}

  async issue(name: string, adminId: number): Promise<Open311KeyDto & { key: string }> {
    const key = `o311_${randomBytes(24).toString('base64url')}`;
    const now = new Date();
    const res = await this.db.query('INSERT INTO open311_keys (name, key_hash, created_by, created_at) VALUES (?, ?, ?, ?)', [name, sha256(key), adminId, now]);
    return { id: Number(res.insertId), name, createdAt: now.toISOString(), revokedAt: null, key };
  }

  async list(): Promise<Open311KeyDto[]> {
    const rows: Array<Record<string, any>> = await this.db.query('SELECT id, name, created_at, revoked_at FROM open311_keys ORDER BY id');
    return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null }));
  }

  async revoke(id: number): Promise<Open311KeyDto> {
    await this.db.query('UPDATE open311_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date(), id]);
    const key = (await this.list()).find((k) => k.id === id);
    if (!key) throw new NotFoundException(`no Open311 key ${id}`);
    return key;
  }

  /** The id of the live key, or null. */
  async verify(key: string): Promise<number | null> {
    const [row] = await this.db.query('SELECT id FROM open311_keys WHERE key_hash = ? AND revoked_at IS NULL', [sha256(key)]);
    return row ? Number(row.id) : null;
  }
}
