import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Open311KeysRepository } from './open311-keys.repository';

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
  constructor(private readonly keys: Open311KeysRepository) {}

  async issue(name: string, adminId: number): Promise<Open311KeyDto & { key: string }> {
    const key = `o311_${randomBytes(24).toString('base64url')}`;
    const now = new Date();
    const id = await this.keys.insert(name, sha256(key), adminId, now);
    return { id, name, createdAt: now.toISOString(), revokedAt: null, key };
  }

  async list(): Promise<Open311KeyDto[]> {
    const rows = await this.keys.list();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null }));
  }

  async revoke(id: number): Promise<Open311KeyDto> {
    await this.keys.revoke(id, new Date());
    const key = (await this.list()).find((k) => k.id === id);
    if (!key) throw new NotFoundException(`no Open311 key ${id}`);
    return key;
  }

  /** The id of the live key, or null. */
  async verify(key: string): Promise<number | null> {
    return this.keys.liveId(sha256(key));
  }
}
