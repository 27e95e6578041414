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

  private started = 0;

  /** Called as each request begins (bootstrap's onRequest hook). */
  requestStarted(): void {
    this.started++;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.env.SLA_ROLE === 'worker') return;
    this.draining = true;
    this.logger.log(`draining for ${this.env.SHUTDOWN_DRAIN_MS} ms: readiness is 503, requests on their way are still answered`);
    await new Promise((r) => setTimeout(r, this.env.SHUTDOWN_DRAIN_MS));
    // A process starved of CPU finds the drain's timer and the connections that arrived meanwhile due in the same turn
    // of the event loop; timers run first, so the server would stop listening before accepting them (the client sees
    // its connection reset). Let the loop poll until a whole turn starts no request (at most 2 s more).
    const until = Date.now() + 2000;
    for (let before = -1; before !== this.started && Date.now() < until;) {
      before = this.started;
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
