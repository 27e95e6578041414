import { Module } from '@nestjs/common';
import { SlaModule } from '../../sla/sla.module';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

@Module({
  imports: [SlaModule],
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule {}
