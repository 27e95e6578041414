import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RefreshTokens } from '../../access/auth/refresh-tokens.service';
import { EnvDto } from '../../platform/config/env.dto';
import { TicketRegistration } from './ticket-registration.service';

/** Worker processes forget what is no longer needed once an hour: old idempotency keys, expired refresh tokens. */
@Injectable()
export class Housekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Housekeeping.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly env: EnvDto,
    private readonly registration: TicketRegistration,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.SLA_ROLE === 'api') return;
    this.timer = setInterval(() => void this.runOnce(), 3_600_000);
    this.timer.unref();
  }

  async runOnce(): Promise<void> {
    try {
      const keys = await this.registration.forgetIdempotencyKeys();
      const tokens = await this.refreshTokens.forgetExpired();
      if (keys || tokens) this.logger.log(`housekeeping: forgot ${keys} idempotency keys and ${tokens} expired refresh tokens`);
    } catch (e) {
      this.logger.warn(`housekeeping failed: ${(e as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
