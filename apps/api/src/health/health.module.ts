import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { HealthController } from './health.controller';

@Module({ imports: [SlaModule], controllers: [HealthController] })
export class HealthModule {}
