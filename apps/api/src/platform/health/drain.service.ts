import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EnvDto } from '../config/env.dto';

/**
 * The first step of a graceful shutdown: readiness turns 503 and the instance keeps serving for SHUTDOWN_DRAIN_MS,
 * so that the proxy stops sending it new requests and requests already on their way are answered; only then does the
 * HTTP server stop (Nest closes it after this hook) and the live connections close.
 */
@Injectable()
export class Drain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Drain.name);
  draining = false;

  constructor(private readonly env: EnvDto) {}

  async beforeApplicationShutdown(): Promise<void> {
    if (this.env.SLA_ROLE === 'worker') return;
    this.draining = true;
    this.logger.log(`draining for ${this.env.SHUTDOWN_DRAIN_MS} ms: readiness is 503, requests on their way are still answered`);
    await new Promise((r) => setTimeout(r, this.env.SHUTDOWN_DRAIN_MS));
  }
}
