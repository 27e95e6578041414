import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../../access/auth/decorators';
import { EnvDto } from '../config/env.dto';
import { Metrics } from './metrics.service';

/** Prometheus scrape endpoint at /metrics (outside /api/v1, where scrapers expect it). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly env: EnvDto,
  ) {}

  @Public()
  @Get()
  async scrape(@Res({ passthrough: true }) res: FastifyReply, @Headers('authorization') auth?: string): Promise<string> {
    if (this.env.METRICS_TOKEN && !sameSecret(auth ?? '', `Bearer ${this.env.METRICS_TOKEN}`)) {
      throw new UnauthorizedException('metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    res.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
