import { Injectable, Logger } from '@nestjs/common';
import type { ServerEventName, ServerEvents } from '@hotline/contracts';
import { EventEmitter } from 'node:events';

type Listener<K extends ServerEventName> = (payload: ServerEvents[K]) => void;

/**
 * The in-process bus of domain events, typed by the shared event map.
 * Services publish only after the transaction that caused the event has committed;
 * the live gateway and other subscribers listen here.
 */
@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly logger = new Logger(DomainEvents.name);

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  publish<K extends ServerEventName>(name: K, payload: ServerEvents[K]): void {
    for (const listener of this.emitter.listeners(name)) {
      try {
        (listener as Listener<K>)(payload);
      } catch (e) {
        this.logger.error(`listener of ${name} failed: ${(e as Error).message}`);
      }
    }
  }

  on<K extends ServerEventName>(name: K, listener: Listener<K>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
