import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FollowUpDto, InstructionDto, TicketDto } from '@hotline/contracts';
import type { AuthUser } from '../access/auth/auth-user';
import { CurrentUser, Roles } from '../access/auth/decorators';
import { IdPipe } from '../platform/http/id.pipe';
import { ErrorCodes } from '../platform/http/openapi';
import { LeadershipService } from './leadership.service';
import { AssignLeaderDto, FollowUpDto as FollowUpBody, InstructionDto as InstructionBody, TrackDto } from './supervision.dto';
import { TrackingService } from './tracking.service';

/** The people on a ticket: its tracker (跟踪人) and follow-ups, its leader (包案) and instructions (阅批). */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('tickets/:id')
export class TrackingController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly leadership: LeadershipService,
  ) {}

  @Post('track')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles('supervisor', 'agent')
  @ApiOperation({ summary: '跟踪人: a supervisor names the tracker; an agent may take the ticket itself' })
  track(@Param('id', IdPipe) id: number, @Body() body: TrackDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.tracking.track(id, body, user);
  }

  @Post('follow-ups')
  @ErrorCodes('NOT_TRACKER', 'TICKET_STATUS_CONFLICT', 'CONCURRENT_CHANGE')
  @Roles('agent', 'supervisor', 'leader')
  @ApiOperation({ summary: 'A follow-up by the tracker or a supervisor; the next one is due an interval (SLA policy) later' })
  followUp(@Param('id', IdPipe) id: number, @Body() body: FollowUpBody, @CurrentUser() user: AuthUser): Promise<FollowUpDto> {
    return this.tracking.followUp(id, body, user);
  }

  @Get('follow-ups')
  @Roles('agent', 'supervisor', 'admin', 'leader', 'handler')
  @ApiOperation({ summary: 'The ticket\u2019s follow-ups, oldest first' })
  followUps(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<FollowUpDto[]> {
    return this.tracking.followUps(id, user);
  }

  @Post('leader')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '领导包案: a supervisor gives the case to a leader' })
  assignLeader(@Param('id', IdPipe) id: number, @Body() body: AssignLeaderDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.leadership.assign(id, body, user);
  }

  @Post('instructions')
  @ErrorCodes('NOT_CASE_OWNER')
  @Roles('leader')
  @ApiOperation({ summary: '阅批: the leader who owns the case writes an instruction; the department hears it live' })
  instruct(@Param('id', IdPipe) id: number, @Body() body: InstructionBody, @CurrentUser() user: AuthUser): Promise<InstructionDto> {
    return this.leadership.instruct(id, body, user);
  }

  @Get('instructions')
  @Roles('agent', 'supervisor', 'admin', 'leader', 'handler')
  @ApiOperation({ summary: 'The leaders\u2019 instructions on the ticket, oldest first' })
  instructions(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<InstructionDto[]> {
    return this.leadership.instructions(id, user);
  }
}
