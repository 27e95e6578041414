import { Module } from '@nestjs/common';
import { ArchiveScheduler } from './archive-scheduler.service';
import { ArchivedTickets } from './archived-tickets.repository';
import { TicketArchiver } from './ticket-archiver.service';

/** The archive of closed tickets: the mover, its nightly job on worker processes, and the archive's reads. */
@Module({ providers: [TicketArchiver, ArchiveScheduler, ArchivedTickets], exports: [TicketArchiver, ArchivedTickets] })
export class ArchiveModule {}
