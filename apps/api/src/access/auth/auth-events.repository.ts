import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface NewAuthEvent {
  at: Date;
  kind: string;
  username: string | null;
  userId: number | null;
  ip: string | null;
  detail: string | null;
}

/** The SQL of the security log (auth_events): insert only. */
@Injectable()
export class AuthEventsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(e: NewAuthEvent): Promise<void> {
    await this.db.query('INSERT INTO auth_events (at, kind, username, user_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?)', [e.at, e.kind, e.username, e.userId, e.ip, e.detail]);
  }
}
