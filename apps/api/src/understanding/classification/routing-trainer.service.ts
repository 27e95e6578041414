import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EnvDto } from '../../platform/config/env.dto';
import { RoutingModels } from './routing-models.service';

/**
 * The retraining job: worker processes retrain the routing model every CLASSIFIER_RETRAIN_MINUTES from the history
 * that grew meanwhile. A MySQL named lock (in RoutingModels) keeps several workers from training at once; like the
 * SLA sweeper it runs on the process's own timer, so that it survives Redis losing everything.
 */
@Injectable()
export class RoutingTrainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingTrainer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly env: EnvDto,
    private readonly models: RoutingModels,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.SLA_ROLE === 'api' || this.env.CLASSIFIER_RETRAIN_MINUTES <= 0) return;
    this.timer = setInterval(() => void this.runOnce(), this.env.CLASSIFIER_RETRAIN_MINUTES * 60_000);
    this.timer.unref();
  }

  runOnce(): Promise<unknown> {
    this.running ??= this.models
      .retrain()
      .catch((e: Error) => this.logger.error(`routing model retraining failed: ${e.message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
