import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthDto, ReadinessDto } from '@hotline/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../../access/auth/decorators';
import { Drain } from './drain.service';
import { HealthProbes, stateOf } from './probes';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly probes: HealthProbes,
    private readonly drain: Drain,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when MySQL and Redis answer, 503 otherwise' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthDto> {
    const details = await this.probes.run([this.probes.mysql, this.probes.redisPing]);
    const [mysql, redis] = [stateOf(details, 'mysql'), stateOf(details, 'redis')];
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
    const details = await this.probes.run([this.probes.mysql, this.probes.redisPing, this.probes.queue]);
    const [mysql, redis, queue] = [stateOf(details, 'mysql'), stateOf(details, 'redis'), stateOf(details, 'queue')];
    // shutting down: out of the load balancer first (Drain)
    const ok = mysql === 'up' && redis === 'up' && queue === 'up' && !this.drain.draining;
    res.status(ok ? 200 : 503);
    const { slaWorkers = null, delayedTimers = null } = (details.queue ?? {}) as { slaWorkers?: number | null; delayedTimers?: number | null };
    return { status: ok ? 'ok' : 'error', mysql, redis, queue, slaWorkers, delayedTimers };
  }
}
