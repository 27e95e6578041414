import { Module } from '@nestjs/common';
import { TicketsModule } from '../../casework/tickets/tickets.module';
import { UsersModule } from '../../access/users/users.module';
import { CallsRepository } from './calls.repository';
import { CtiController } from './cti.controller';
import { CtiSignatureGuard } from './cti-signature.guard';
import { CtiService } from './cti.service';

@Module({ imports: [TicketsModule, UsersModule], controllers: [CtiController], providers: [CallsRepository, CtiService, CtiSignatureGuard] })
export class CtiModule {}
