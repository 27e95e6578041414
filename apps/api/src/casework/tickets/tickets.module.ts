import { IncidentsModule } from '../../insight/incidents/incidents.module';
import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { SlaModule } from '../../sla/sla.module';
import { ClassificationModule } from '../../understanding/classification/classification.module';
import { KbModule } from '../../understanding/kb/kb.module';
import { CallersModule } from '../callers/callers.module';
import { RepeatsModule } from '../repeats/repeats.module';
import { SearchModule } from '../search/search.module';
import { ArchiveModule } from '../archive/archive.module';
import { HotspotsModule } from '../../understanding/hotspots/hotspots.module';
import { UnderstandingJobsModule } from '../../understanding/understanding-jobs/understanding-jobs.module';
import { Clock } from './clock';
import { TicketActionsService } from './ticket-actions.service';
import { TicketNumberService } from './ticket-number.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { TicketRegistration } from './ticket-registration.service';
import { Housekeeping } from './housekeeping.service';
import { CallerNotices } from './caller-notices.repository';
import { IdempotencyKeys } from './idempotency-keys.repository';
import { TicketSequences } from './ticket-sequences.repository';
import { TicketsDataModule } from './tickets-data.module';

import { CallsRepository } from '../../channels/cti/calls.repository';

@Module({
  imports: [
    TicketsDataModule,
    DepartmentsModule,
    SlaModule,
    ClassificationModule,
    KbModule,
    IncidentsModule,
    CallersModule,
    RepeatsModule,
    SearchModule,
    ArchiveModule,
    HotspotsModule,
    UnderstandingJobsModule,
  ],
  controllers: [TicketsController],
  // CallsRepository: registration links the call it came from (the CTI module imports this one, not the reverse)
  providers: [CallsRepository, Clock, TicketSequences, IdempotencyKeys, CallerNotices, TicketNumberService, TicketsService, TicketRegistration, TicketActionsService, Housekeeping],
  exports: [TicketsService, TicketRegistration, TicketActionsService, CallersModule, KbModule, ClassificationModule],
})
export class TicketsModule {}
