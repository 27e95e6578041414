import { Module } from '@nestjs/common';
import { SlaClock } from './sla-clock.service';
import { SlaEffects } from './sla-effects.service';
import { SlaSweeper } from './sla-sweeper.service';
import { SlaTimers } from './sla-timers.service';
import { SlaWorker } from './sla-worker.service';

@Module({
  providers: [SlaClock, SlaTimers, SlaEffects, SlaSweeper, SlaWorker],
  exports: [SlaClock, SlaTimers, SlaWorker],
})
export class SlaModule {}
