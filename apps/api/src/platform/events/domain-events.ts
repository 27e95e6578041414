import { Injectable, Logger } from '@nestjs/common';
import type { TicketEventName, ServerEvents } from '@hotline/contracts';
import { EventEmitter } from 'node:events';

type Listener<K extends TicketEventName> = (payload: ServerEvents[K]) => unknown;

/**
 * The in-process bus of domain events, typed by the shared event map.
 * Services publish only after the transaction that caused the event has committed, and await the publish: when the
 * request answers, the live layer has sequenced the event and the metrics have counted it.
 */
@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly logger = new Logger(DomainEvents.name);

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  async publish<K extends TicketEventName>(name: K, payload: ServerEvents[K]): Promise<void> {
    // async on purpose: a listener that throws synchronously becomes a rejection allSettled collects
    // eslint-disable-next-line @typescript-eslint/require-await
    const results = await Promise.allSettled(this.emitter.listeners(name).map(async (listener) => (listener as Listener<K>)(payload)));
    for (const r of results) {
      if (r.status === 'rejected') this.logger.error(`a listener of ${name} failed: ${(r.reason as Error)?.message ?? r.reason}`);
    }
  }

  on<K extends TicketEventName>(name: K, listener: Listener<K>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
