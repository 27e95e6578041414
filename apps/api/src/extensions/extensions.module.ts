import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ExtensionsController } from './extensions.controller';
import { ExtensionsService } from './extensions.service';

@Module({ imports: [TicketsModule, SlaModule], controllers: [ExtensionsController], providers: [ExtensionsService] })
export class ExtensionsModule {}
