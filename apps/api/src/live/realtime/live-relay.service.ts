import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TICKET_EVENT_NAMES } from '@hotline/contracts';
import { DomainEvents } from '../../platform/events/domain-events';
import { LiveEvents } from './live-events.service';

/** Sends every committed ticket event on to the consoles. */
@Injectable()
export class LiveRelay implements OnModuleInit {
  constructor(
    private readonly bus: DomainEvents,
    private readonly live: LiveEvents,
  ) {}

  onModuleInit(): void {
    for (const name of TICKET_EVENT_NAMES) {
      this.bus.on(name, (payload) => this.live.publishTicketEvent(name, payload));
    }
  }
}
