import { Module } from '@nestjs/common';
import { TicketEventsRepository } from './ticket-events.repository';
import { TicketsRepository } from './tickets.repository';

/**
 * The repositories of `tickets` and `ticket_events`, in a module of their own: the clock (SlaModule) and
 * classification, which TicketsModule imports, read and write through them too.
 */
@Module({ providers: [TicketsRepository, TicketEventsRepository], exports: [TicketsRepository, TicketEventsRepository] })
export class TicketsDataModule {}
