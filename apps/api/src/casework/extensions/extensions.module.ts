import { Module } from '@nestjs/common';
import { SlaModule } from '../../sla/sla.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ExtensionsController } from './extensions.controller';
import { PendingExtensionsController } from './pending-extensions.controller';
import { ExtensionsService } from './extensions.service';
import { TicketExtensionsRepository } from './ticket-extensions.repository';

@Module({ imports: [TicketsModule, SlaModule], controllers: [ExtensionsController, PendingExtensionsController], providers: [TicketExtensionsRepository, ExtensionsService] })
export class ExtensionsModule {}
