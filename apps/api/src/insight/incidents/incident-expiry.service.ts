import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EnvDto } from '../../platform/config/env.dto';
import { IncidentsService } from './incidents.service';

/** Processes running the SLA worker end expired temporary accounts every few seconds (sign-in refuses them at once anyway). */
const EVERY_MS = 5_000;

@Injectable()
export class IncidentExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IncidentExpiry.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly env: EnvDto,
    private readonly incidents: IncidentsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.SLA_ROLE === 'api') return;
    this.timer = setInterval(() => void this.once(), EVERY_MS);
    this.timer.unref();
  }

  private async once(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.incidents.expireAgents();
    } catch (e) {
      this.logger.error(`expiring temporary accounts failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
