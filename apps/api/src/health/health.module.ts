import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { Drain } from './drain.service';
import { HealthController } from './health.controller';

@Module({ imports: [SlaModule], controllers: [HealthController], providers: [Drain], exports: [Drain] })
export class HealthModule {}
