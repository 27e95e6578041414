import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SlaModule } from '../../sla/sla.module';
import { Drain } from './drain.service';
import { HealthController } from './health.controller';
import { HealthProbes } from './probes';

// terminus logs nothing: a failed probe shows in the answer (and a down dependency in its own client's logs)
@Module({ imports: [SlaModule, TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [Drain, HealthProbes], exports: [Drain] })
export class HealthModule {}
