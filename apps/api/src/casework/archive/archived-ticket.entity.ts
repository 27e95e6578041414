import { Column, Entity } from 'typeorm';
import { TicketEntity } from '../tickets/ticket.entity';

/** A ticket in the archive: the live ticket's columns and when it moved (tickets_archive, read-only). */
@Entity('tickets_archive')
export class ArchivedTicketEntity extends TicketEntity {
  @Column({ name: 'archived_at', type: 'datetime', precision: 3 })
  archivedAt!: Date;
}
