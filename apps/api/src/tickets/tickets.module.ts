import { IncidentsModule } from '../incidents/incidents.module';
import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { SlaModule } from '../sla/sla.module';
import { CallersController } from '../callers/callers.controller';
import { CallersService } from '../callers/callers.service';
import { ClassificationModule } from '../classification/classification.module';
import { HotspotsController } from '../hotspots/hotspots.controller';
import { Hotspots } from '../hotspots/hotspots.service';
import { KbModule } from '../kb/kb.module';
import { RepeatCalls } from '../repeats/repeat-calls.service';
import { Clock } from './clock';
import { TicketActionsService } from './ticket-actions.service';
import { TicketNumberService } from './ticket-number.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { Housekeeping } from './housekeeping.service';

@Module({
  imports: [DepartmentsModule, SlaModule, ClassificationModule, KbModule, IncidentsModule],
  controllers: [TicketsController, CallersController, HotspotsController],
  providers: [Clock, TicketNumberService, TicketsService, TicketActionsService, RepeatCalls, Hotspots, CallersService, Housekeeping],
  exports: [TicketsService, TicketActionsService, CallersService, KbModule, ClassificationModule],
})
export class TicketsModule {}
