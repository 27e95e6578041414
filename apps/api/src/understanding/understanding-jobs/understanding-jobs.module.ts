import { Module } from '@nestjs/common';
import { RepeatsModule } from '../../casework/repeats/repeats.module';
import { TicketsDataModule } from '../../casework/tickets/tickets-data.module';
import { HotspotsModule } from '../hotspots/hotspots.module';
import { TicketTerms } from './ticket-terms.repository';
import { TicketUnderstanding } from './ticket-understanding.service';
import { UnderstandingQueue } from './understanding-queue.service';
import { UnderstandingWorker } from './understanding.worker';

/** Understanding after the commit: repeat calls and hotspots looked for by a queued job, the words kept once. */
@Module({
  imports: [TicketsDataModule, RepeatsModule, HotspotsModule],
  providers: [TicketTerms, TicketUnderstanding, UnderstandingQueue, UnderstandingWorker],
  exports: [UnderstandingQueue],
})
export class UnderstandingJobsModule {}
