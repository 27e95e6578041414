import { Module } from '@nestjs/common';
import { CtiController } from './cti.controller';
import { CtiSignatureGuard } from './cti-signature.guard';
import { CtiService } from './cti.service';

@Module({ controllers: [CtiController], providers: [CtiService, CtiSignatureGuard] })
export class CtiModule {}
