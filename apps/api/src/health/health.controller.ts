import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthDto, ReadinessDto } from '@hotline/contracts';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { REDIS } from '../redis/redis.module';
import { SlaTimers } from '../sla/sla-timers.service';
import { Drain } from './drain.service';

const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref())]);
}

const upOrDown = (p: Promise<unknown>) => withTimeout(p).then(() => 'up' as const, () => 'down' as const);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly timers: SlaTimers,
    private readonly drain: Drain,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when MySQL and Redis answer, 503 otherwise' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthDto> {
    const [mysql, redis] = await Promise.all([upOrDown(this.db.query('SELECT 1')), upOrDown(this.redis.ping())]);
    const ok = mysql === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', mysql, redis };
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process serves requests at all (restart it when this fails)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: 200 when MySQL, Redis and the SLA queue answer, 503 otherwise (take the instance out of the load balancer)',
    description: 'Also reports how many SLA workers are connected: 0 does not make an API instance unready, but no timer fires; alert on it.',
  })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<ReadinessDto> {
    const queue = this.timers.queue;
    const [mysql, redis, counts, workers] = await Promise.all([
      upOrDown(this.db.query('SELECT 1')),
      upOrDown(this.redis.ping()),
      withTimeout(queue.getJobCounts('delayed')).catch(() => null),
      withTimeout(queue.getWorkersCount()).catch(() => null),
    ]);
    const queueUp = counts ? ('up' as const) : ('down' as const);
    // shutting down: out of the load balancer first (Drain)
    const ok = mysql === 'up' && redis === 'up' && queueUp === 'up' && !this.drain.draining;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', mysql, redis, queue: queueUp, slaWorkers: workers, delayedTimers: counts?.delayed ?? null };
  }
}
