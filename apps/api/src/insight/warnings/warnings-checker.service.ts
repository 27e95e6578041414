import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EnvDto } from '../../platform/config/env.dto';
import { WarningsService } from './warnings.service';

/** Processes that run the SLA worker (SLA_ROLE all or worker) look for warnings every WARNING_CHECK_SECONDS. */
@Injectable()
export class WarningsChecker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WarningsChecker.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly env: EnvDto,
    private readonly warnings: WarningsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.SLA_ROLE === 'api' || this.env.WARNING_CHECK_SECONDS === 0) return;
    this.timer = setInterval(() => void this.once(), this.env.WARNING_CHECK_SECONDS * 1000);
    this.timer.unref();
  }

  private async once(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.warnings.check();
    } catch (e) {
      this.logger.error(`warning check failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
