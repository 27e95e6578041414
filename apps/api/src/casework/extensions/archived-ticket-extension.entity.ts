import { Entity } from 'typeorm';
import { TicketExtensionEntity } from './ticket-extension.entity';

/** An extension request of an archived ticket (ticket_extensions_archive, read-only). */
@Entity('ticket_extensions_archive')
export class ArchivedTicketExtensionEntity extends TicketExtensionEntity {}
