import { Injectable, Logger } from '@nestjs/common';
import { AuthEventsRepository } from './auth-events.repository';

export type AuthEventKind =
  'login_ok' | 'login_failed' | 'login_locked' | 'login_throttled' | 'refresh' | 'refresh_reuse' | 'logout' | 'forbidden' | 'password_changed' | 'password_failed' | 'user_changed';

/**
 * The security log (auth_events): sign-ins, refusals and account changes, for the audit a government service owes.
 * Recording never fails the request it describes; a failure to record is logged.
 */
@Injectable()
export class AuthEvents {
  private readonly logger = new Logger(AuthEvents.name);

  constructor(private readonly events: AuthEventsRepository) {}

  async record(kind: AuthEventKind, e: { username?: string | null; userId?: number | null; ip?: string | null; detail?: string | null }): Promise<void> {
    try {
      await this.events.insert({
        at: new Date(),
        kind,
        username: e.username?.slice(0, 64) ?? null,
        userId: e.userId ?? null,
        ip: e.ip?.slice(0, 64) ?? null,
        detail: e.detail?.slice(0, 500) ?? null,
      });
    } catch (err) {
      this.logger.warn(`security event ${kind} not recorded: ${(err as Error).message}`);
    }
  }
}
