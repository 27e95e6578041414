import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { SlaTimers } from '../../sla/sla-timers.service';

export const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref())]);
}

export type ProbeState = 'up' | 'down';

/** The state of one probe in a terminus result (a probe missing from it counts as down). */
export const stateOf = (details: HealthIndicatorResult, key: string): ProbeState => (details[key]?.status === 'up' ? 'up' : 'down');

/**
 * The dependencies' probes, run in parallel by terminus (each bounded by PROBE_TIMEOUT_MS): MySQL through terminus's
 * TypeORM ping, Redis and the SLA queue through indicators of our own (terminus has none for ioredis or BullMQ).
 */
@Injectable()
export class HealthProbes {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly timers: SlaTimers,
  ) {}

  readonly mysql: HealthIndicatorFunction = () => this.typeorm.pingCheck('mysql', { timeout: PROBE_TIMEOUT_MS });

  readonly redisPing: HealthIndicatorFunction = async () => {
    const probe = this.indicator.check('redis');
    return withTimeout(this.redis.ping()).then(
      () => probe.up(),
      () => probe.down(),
    );
  };

  /** The SLA queue answers when its delayed count can be read; the workers' count is reported beside it. */
  readonly queue: HealthIndicatorFunction = async () => {
    const probe = this.indicator.check('queue');
    const { queue } = this.timers;
    const [counts, workers] = await Promise.all([withTimeout(queue.getJobCounts('delayed')).catch(() => null), withTimeout(queue.getWorkersCount()).catch(() => null)]);
    return counts ? probe.up({ delayedTimers: counts.delayed ?? null, slaWorkers: workers }) : probe.down({ delayedTimers: null, slaWorkers: workers });
  };

  /** Every probe's details, up or down: the routes answer in the contract's shape, not terminus's. */
  async run(indicators: HealthIndicatorFunction[]): Promise<HealthIndicatorResult> {
    try {
      return (await this.checks.check(indicators)).details;
    } catch (e) {
      // terminus answers a failed check (or one during shutdown) with a 503 carrying the same result
      if (e instanceof ServiceUnavailableException) return (e.getResponse() as HealthCheckResult).details;
      throw e;
    }
  }
}
