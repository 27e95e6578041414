import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WallboardSnapshot } from '@hotline/contracts';
import { Roles } from '../auth/decorators';
import { LiveEvents } from '../realtime/live-events.service';
import { WallboardPublisher } from './wallboard-publisher.service';
import { WallboardService } from './wallboard.service';

@ApiTags('wallboard')
@ApiBearerAuth()
@Controller('wallboard')
export class WallboardController {
  constructor(
    private readonly wallboard: WallboardService,
    private readonly publisher: WallboardPublisher,
    private readonly live: LiveEvents,
  ) {}

  @Get()
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'The SLA wallboard: open tickets by department, urgency and SLA state, today’s KPIs, nearest deadlines, intake per hour',
    description: 'KPI formulas: docs/kpis.md. The same snapshot is pushed as `wallboard.updated`, at most about once a second.',
  })
  async get(): Promise<WallboardSnapshot> {
    return (await this.publisher.current()) ?? this.wallboard.compute(await this.live.currentSeq());
  }
}
