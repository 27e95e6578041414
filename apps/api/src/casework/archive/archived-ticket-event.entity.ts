import { Entity } from 'typeorm';
import { TicketEventEntity } from '../tickets/ticket-event.entity';

/** A line of an archived ticket's trail (ticket_events_archive, read-only). */
@Entity('ticket_events_archive')
export class ArchivedTicketEventEntity extends TicketEventEntity {}
