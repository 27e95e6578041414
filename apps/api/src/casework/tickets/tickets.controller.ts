import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DuplicateCandidateDto, TicketDto, TicketEventDto, TicketListPage } from '@hotline/contracts';
import { DuplicateCheckDto } from '../repeats/repeats.dto';
import { RepeatCalls } from '../repeats/repeat-calls.service';
import { Clock } from './clock';
import { CREATE_ROLES, TRANSITIONS } from '@hotline/domain';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { CallbackDto, DispatchDto, MergeDto, ReclassifyDto, RedirectDto, ReplyDto, ResolveDto, ReturnDto, UrgeDto, VersionOnlyDto } from './dto/action.dto';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsDto } from './dto/list-tickets.dto';
import { TicketActionsService } from './ticket-actions.service';
import { TicketsService } from './tickets.service';
import { TicketRegistration, type CreatedTicketDto } from './ticket-registration.service';
import { fieldInvalid } from '../../platform/http/api-error';
import { ErrorCodes } from '../../platform/http/openapi';

const who = (a: keyof typeof TRANSITIONS) => `${TRANSITIONS[a].roles.join(', ')}; from ${TRANSITIONS[a].from.join(', ')}`;

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly registration: TicketRegistration,
    private readonly actions: TicketActionsService,
    private readonly repeats: RepeatCalls,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ErrorCodes('REFERENCE_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  @Roles(...CREATE_ROLES)
  @ApiOperation({
    summary: 'Register a call as a ticket (agent, supervisor)',
    description:
      'Urgency omitted: classified by the rules (reasons in the audit line). The answer also carries `classification` (when urgency or department was omitted); `possibleDuplicates` is always empty and `hotspotId` null: repeat calls and hotspots are looked for after the commit and come live to the registering agent as `ticket.understood` (or from GET /tickets/:id/duplicates).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A key of the client\u2019s choosing (1-128 visible ASCII characters, e.g. a UUID) per call: a retry with the same key and body answers the ticket the first attempt registered (header Idempotent-Replayed: true); the same key with another body is 422. Kept 24 h.',
  })
  async create(
    @Body() body: CreateTicketDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedTicketDto> {
    if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key)) {
      throw fieldInvalid('Idempotency-Key', 'Idempotency-Key must be 1-128 visible ASCII characters (e.g. a UUID)');
    }
    const created = await this.registration.create(body, user, undefined, key);
    if (created.replayed) {
      reply.header('idempotent-replayed', 'true');
      delete created.replayed;
    }
    return created;
  }

  @Post('duplicates/check')
  @HttpCode(200)
  @Roles(...CREATE_ROLES)
  @ApiOperation({ summary: '重复件 check while the call is taken: the same caller within 30 days or the same address within 7 days, with similar content' })
  checkDuplicates(@Body() body: DuplicateCheckDto): Promise<DuplicateCandidateDto[]> {
    return this.repeats.candidates({ ...body, now: this.clock.now() });
  }

  @Get(':id/duplicates')
  @Roles(...CREATE_ROLES)
  @ApiOperation({ summary: '重复件 candidates of a registered ticket' })
  async duplicates(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<DuplicateCandidateDto[]> {
    const t = await this.tickets.get(id, user);
    return this.repeats.candidates({ callerPhone: t.callerPhone, content: t.content, address: t.address, excludeId: t.id, now: this.clock.now() });
  }

  @Get()
  @ApiOperation({ summary: 'List tickets, newest first; a handler sees only its department' })
  list(@Query() query: ListTicketsDto, @CurrentUser() user: AuthUser): Promise<TicketListPage> {
    return this.tickets.list(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One ticket' })
  get(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.tickets.get(id, user);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The audit trail, oldest first' })
  events(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<TicketEventDto[]> {
    return this.tickets.events(id, user);
  }

  @Post(':id/dispatch')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE', 'REFERENCE_NOT_FOUND')
  @HttpCode(200)
  @Roles(...TRANSITIONS.dispatch.roles)
  @ApiOperation({ summary: `派单: ${who('dispatch')}` })
  dispatch(@Param('id', IdPipe) id: number, @Body() body: DispatchDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('dispatch', id, body, user);
  }

  @Post(':id/accept')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles(...TRANSITIONS.accept.roles)
  @ApiOperation({ summary: `签收: ${who('accept')}` })
  accept(@Param('id', IdPipe) id: number, @Body() body: VersionOnlyDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('accept', id, body, user);
  }

  @Post(':id/return')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles(...TRANSITIONS.return.roles)
  @ApiOperation({ summary: `退单: ${who('return')}` })
  return(@Param('id', IdPipe) id: number, @Body() body: ReturnDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('return', id, body, user);
  }

  @Post(':id/reply')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles(...TRANSITIONS.reply.roles)
  @ApiOperation({ summary: `答复: ${who('reply')}` })
  reply(@Param('id', IdPipe) id: number, @Body() body: ReplyDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('reply', id, body, user);
  }

  @Post(':id/callback')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles(...TRANSITIONS.callback.roles)
  @ApiOperation({ summary: `回访: ${who('callback')}; unsatisfied reopens to the same department` })
  callback(@Param('id', IdPipe) id: number, @Body() body: CallbackDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('callback', id, body, user);
  }

  @Post(':id/resolve')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE', 'REFERENCE_NOT_FOUND')
  @HttpCode(200)
  @Roles(...TRANSITIONS.resolve.roles)
  @ApiOperation({ summary: `直接答复: ${who('resolve')}` })
  resolve(@Param('id', IdPipe) id: number, @Body() body: ResolveDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('resolve', id, body, user);
  }

  @Post(':id/urge')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles(...TRANSITIONS.urge.roles)
  @ApiOperation({ summary: `催办: ${who('urge')}` })
  urge(@Param('id', IdPipe) id: number, @Body() body: UrgeDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('urge', id, body, user);
  }

  @Post(':id/merge')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE', 'REFERENCE_NOT_FOUND')
  @HttpCode(200)
  @Roles(...TRANSITIONS.merge.roles)
  @ApiOperation({ summary: `合并重复件: ${who('merge')}; closes this ticket as a duplicate of intoId, recorded on both, the caller notified` })
  merge(@Param('id', IdPipe) id: number, @Body() body: MergeDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('merge', id, body, user);
  }

  @Post(':id/redirect')
  @HttpCode(200)
  @Roles(...TRANSITIONS.redirect.roles)
  @ApiOperation({ summary: `改派: ${who('redirect')}; to another department with a reason, a new sign-for limit, the same deadline unless extendHours` })
  redirect(@Param('id', IdPipe) id: number, @Body() body: RedirectDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('redirect', id, body, user);
  }

  @Post(':id/reclassify')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles(...TRANSITIONS.reclassify.roles)
  @ApiOperation({ summary: `改判: ${who('reclassify')}; a new urgency recomputes dueAt` })
  reclassify(@Param('id', IdPipe) id: number, @Body() body: ReclassifyDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.actions.act('reclassify', id, body, user);
  }
}
