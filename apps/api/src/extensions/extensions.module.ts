import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ExtensionsController } from './extensions.controller';
import { PendingExtensionsController } from './pending-extensions.controller';
import { ExtensionsService } from './extensions.service';

@Module({ imports: [TicketsModule, SlaModule], controllers: [ExtensionsController, PendingExtensionsController], providers: [ExtensionsService] })
export class ExtensionsModule {}
