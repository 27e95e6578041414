import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventsSinceDto } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser } from '../../access/auth/decorators';
import { EventsSinceQuery } from './events-since.dto';
import { LiveEvents } from './live-events.service';

@ApiTags('live events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly live: LiveEvents) {}

  @Get()
  @ApiOperation({
    summary: 'Catch up after a gap in the live connection',
    description:
      'The ticket events the caller may see with a sequence above `since`, oldest first. Without `since`: the current epoch and sequence only. ' +
      '`reset: true` means the gap cannot be filled (older than the kept log, more than 1,000 events, or another epoch): reload and continue from `seq`.',
  })
  since(@Query() q: EventsSinceQuery, @CurrentUser() user: AuthUser): Promise<EventsSinceDto> {
    return this.live.since(user, q.since, q.epoch);
  }
}
