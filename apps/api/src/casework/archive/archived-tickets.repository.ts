import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ArchivedTicketEventEntity } from './archived-ticket-event.entity';
import { ArchivedTicketEntity } from './archived-ticket.entity';

/** The reads of the archive tables (their writes are TicketArchiver's): a ticket, its trail. */
@Injectable()
export class ArchivedTickets {
  constructor(private readonly db: DataSource) {}

  find(m: EntityManager, id: number): Promise<ArchivedTicketEntity | null> {
    return m.findOne(ArchivedTicketEntity, { where: { id } });
  }

  findMany(m: EntityManager, ids: number[]): Promise<ArchivedTicketEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.getRepository(ArchivedTicketEntity).createQueryBuilder('t').where('t.id IN (:...ids)', { ids }).getMany();
  }

  trail(id: number): Promise<ArchivedTicketEventEntity[]> {
    return this.db.getRepository(ArchivedTicketEventEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } });
  }
}
