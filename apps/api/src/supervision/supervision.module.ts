import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../casework/departments/departments.module';
import { SlaModule } from '../sla/sla.module';
import { TicketsModule } from '../casework/tickets/tickets.module';
import { Clock } from '../casework/tickets/clock';
import { TicketsDataModule } from '../casework/tickets/tickets-data.module';
import { BacklogController } from './backlog.controller';
import { BacklogService } from './backlog.service';
import { FollowUps } from './follow-ups.repository';
import { Instructions } from './instructions.repository';
import { LeadershipService } from './leadership.service';
import { SupervisionsController } from './supervisions.controller';
import { SupervisionsService } from './supervisions.service';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';

/** Supervision and accountability: 督办单, trackers and follow-ups, leaders and instructions, the 积案 register. */
@Module({
  imports: [SlaModule, TicketsModule, TicketsDataModule, DepartmentsModule],
  controllers: [SupervisionsController, TrackingController, BacklogController],
  providers: [SupervisionsService, TrackingService, LeadershipService, BacklogService, FollowUps, Instructions, Clock],
})
export class SupervisionModule {}
