import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WallboardSnapshot } from '@hotline/contracts';
import { Roles } from '../../access/auth/decorators';
import { WallboardPublisher } from './wallboard-publisher.service';

@ApiTags('wallboard')
@ApiBearerAuth()
@Controller('wallboard')
export class WallboardController {
  constructor(private readonly publisher: WallboardPublisher) {}

  @Get()
  @Roles('agent', 'supervisor', 'admin', 'leader')
  @ApiOperation({
    summary: 'The SLA wallboard: open tickets by department, urgency and SLA state, today’s KPIs, nearest deadlines, intake per hour',
    description:
      'The snapshot shared by every screen, at most about 1.5 s old (generatedAt); today’s figures at most 5 s (kpisAt). KPI formulas: docs/kpis.md. ' +
      'The same snapshot is pushed as `wallboard.updated`, at most about once a second while tickets change.',
  })
  get(): Promise<WallboardSnapshot> {
    return this.publisher.current();
  }
}
