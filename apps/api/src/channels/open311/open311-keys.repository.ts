import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Open311KeyRow {
  id: number;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Every query on `open311_keys` (a key is kept only as its SHA-256). */
@Injectable()
export class Open311KeysRepository {
  constructor(private readonly db: DataSource) {}

  async insert(name: string, keyHash: string, adminId: number, now: Date): Promise<number> {
    const res = await this.db.query('INSERT INTO open311_keys (name, key_hash, created_by, created_at) VALUES (?, ?, ?, ?)', [name, keyHash, adminId, now]);
    return Number(res.insertId);
  }

  async list(): Promise<Open311KeyRow[]> {
    const rows: Array<Record<string, any>> = await this.db.query('SELECT id, name, created_at, revoked_at FROM open311_keys ORDER BY id');
    return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: new Date(r.created_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null }));
  }

  async revoke(id: number, at: Date): Promise<void> {
    await this.db.query('UPDATE open311_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
  }

  /** The id of the live key with this hash, or null. */
  async liveId(keyHash: string): Promise<number | null> {
    const [row] = await this.db.query('SELECT id FROM open311_keys WHERE key_hash = ? AND revoked_at IS NULL', [keyHash]);
    return row ? Number(row.id) : null;
  }
}
