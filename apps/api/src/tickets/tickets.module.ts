import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { SlaModule } from '../sla/sla.module';
import { Clock } from './clock';
import { TicketActionsService } from './ticket-actions.service';
import { TicketNumberService } from './ticket-number.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [DepartmentsModule, SlaModule],
  controllers: [TicketsController],
  providers: [Clock, TicketNumberService, TicketsService, TicketActionsService],
  exports: [TicketsService, TicketActionsService],
})
export class TicketsModule {}
