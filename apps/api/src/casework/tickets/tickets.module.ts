import { IncidentsModule } from '../../insight/incidents/incidents.module';
import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { SlaModule } from '../../sla/sla.module';
import { CallersController } from '../callers/callers.controller';
import { CallerHistoryRepository } from '../callers/caller-history.repository';
import { CallersService } from '../callers/callers.service';
import { ClassificationModule } from '../../understanding/classification/classification.module';
import { HotspotsController } from '../../understanding/hotspots/hotspots.controller';
import { HotspotsRepository } from '../../understanding/hotspots/hotspots.repository';
import { Hotspots } from '../../understanding/hotspots/hotspots.service';
import { KbModule } from '../../understanding/kb/kb.module';
import { RepeatCandidatesRepository } from '../repeats/repeat-candidates.repository';
import { RepeatCalls } from '../repeats/repeat-calls.service';
import { Clock } from './clock';
import { TicketActionsService } from './ticket-actions.service';
import { TicketNumberService } from './ticket-number.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { Housekeeping } from './housekeeping.service';
import { CallerNotices } from './caller-notices.repository';
import { IdempotencyKeys } from './idempotency-keys.repository';
import { TicketSequences } from './ticket-sequences.repository';
import { TicketsDataModule } from './tickets-data.module';
import { TicketSearchRepository } from '../search/ticket-search.repository';
import { TicketTerms } from '../../understanding/understanding-jobs/ticket-terms.repository';
import { TicketUnderstanding } from '../../understanding/understanding-jobs/ticket-understanding.service';
import { UnderstandingQueue } from '../../understanding/understanding-jobs/understanding-queue.service';
import { UnderstandingWorker } from '../../understanding/understanding-jobs/understanding.worker';

import { CallsRepository } from '../../channels/cti/calls.repository';

@Module({
  imports: [TicketsDataModule, DepartmentsModule, SlaModule, ClassificationModule, KbModule, IncidentsModule],
  controllers: [TicketsController, CallersController, HotspotsController],
  // CallsRepository: registration links the call it came from (the CTI module imports this one, not the reverse)
  providers: [
    CallsRepository,
    Clock,
    TicketSequences,
    IdempotencyKeys,
    CallerNotices,
    TicketNumberService,
    TicketsService,
    TicketActionsService,
    RepeatCandidatesRepository,
    RepeatCalls,
    HotspotsRepository,
    Hotspots,
    CallerHistoryRepository,
    CallersService,
    Housekeeping,
    TicketSearchRepository,
    TicketTerms,
    TicketUnderstanding,
    UnderstandingQueue,
    UnderstandingWorker,
  ],
  exports: [TicketsService, TicketActionsService, CallersService, KbModule, ClassificationModule],
})
export class TicketsModule {}
