import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { CtiController } from './cti.controller';
import { CtiSignatureGuard } from './cti-signature.guard';
import { CtiService } from './cti.service';

@Module({ imports: [TicketsModule], controllers: [CtiController], providers: [CtiService, CtiSignatureGuard] })
export class CtiModule {}
