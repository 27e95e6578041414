import { Module } from '@nestjs/common';
import { EscalationsController } from './escalations.controller';
import { SlaAdminController } from './sla-admin.controller';
import { SlaAdminService } from './sla-admin.service';
import { SlaClock } from './sla-clock.service';
import { SlaBatcher } from './sla-batcher';
import { SlaEffects } from './sla-effects.service';
import { SlaSweeper } from './sla-sweeper.service';
import { SlaTimers } from './sla-timers.service';
import { SlaWorker } from './sla-worker.service';
import { SupervisionOrders } from '../supervision/supervision-orders.repository';
import { SystemUser } from '../access/users/system-user';
import { TicketsDataModule } from '../casework/tickets/tickets-data.module';
import { UsersModule } from '../access/users/users.module';

@Module({
  imports: [TicketsDataModule, UsersModule],
  controllers: [SlaAdminController, EscalationsController],
  providers: [SlaClock, SlaTimers, SlaEffects, SlaBatcher, SlaSweeper, SlaWorker, SlaAdminService, SupervisionOrders, SystemUser],
  exports: [SlaClock, SlaTimers, SlaWorker, SlaEffects, SupervisionOrders, SystemUser],
})
export class SlaModule {}
