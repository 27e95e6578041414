import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type AuthEventKind = 'login_ok' | 'login_failed' | 'login_locked' | 'login_throttled' | 'refresh' | 'refresh_reuse' | 'logout' | 'forbidden' | 'password_changed' | 'password_failed' | 'user_changed';

/**
 * The security log (auth_events): sign-ins, refusals and account changes, for the audit a government service owes.
 * Recording never fails the request it describes; a failure to record is logged.
 */
@Injectable()
export class AuthEvents {
  private readonly logger = new Logger(AuthEvents.name);

  constructor(private readonly db: DataSource) {}

  async record(kind: AuthEventKind, e: { username?: string | null; userId?: number | null; ip?: string | null; detail?: string | null }): Promise<void> {
    try {
      await this.db.query('INSERT INTO auth_events (at, kind, username, user_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?)', [
        new Date(),
        kind,
        e.username?.slice(0, 64) ?? null,
        e.userId ?? null,
        e.ip?.slice(0, 64) ?? null,
        e.detail?.slice(0, 500) ?? null,
      ]);
    } catch (err) {
      this.logger.warn(`security event ${kind} not recorded: ${(err as Error).message}`);
    }
  }
}
