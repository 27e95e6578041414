import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SupervisionDto } from '@hotline/contracts';
import type { AuthUser } from '../access/auth/auth-user';
import { CurrentUser, Roles } from '../access/auth/decorators';
import { IdPipe } from '../platform/http/id.pipe';
import { ErrorCodes } from '../platform/http/openapi';
import { CloseSupervisionDto, CreateSupervisionDto, ListSupervisionsDto, RespondSupervisionDto } from './supervision.dto';
import { SupervisionsService } from './supervisions.service';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SupervisionsController {
  constructor(private readonly orders: SupervisionsService) {}

  @Post('tickets/:id/supervisions')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'SUPERVISION_OPEN_EXISTS')
  @Roles('supervisor')
  @ApiOperation({ summary: '督办: a supervision order on an open ticket (supervisor); one open manual order per ticket (409 otherwise)' })
  create(@Param('id', IdPipe) id: number, @Body() body: CreateSupervisionDto, @CurrentUser() user: AuthUser): Promise<SupervisionDto> {
    return this.orders.create(id, body, user);
  }

  @Get('supervisions')
  @Roles('agent', 'supervisor', 'admin', 'leader', 'handler')
  @ApiOperation({ summary: 'Supervision orders, open first by deadline, at most 500; a handler sees its department\u2019s' })
  list(@Query() q: ListSupervisionsDto, @CurrentUser() user: AuthUser): Promise<{ items: SupervisionDto[]; total: number }> {
    return this.orders.list(q, user);
  }

  @Get('supervisions/:id')
  @Roles('agent', 'supervisor', 'admin', 'leader', 'handler')
  @ApiOperation({ summary: 'One supervision order' })
  get(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SupervisionDto> {
    return this.orders.get(id, user);
  }

  @Post('supervisions/:id/respond')
  @ErrorCodes('SUPERVISION_STATUS_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles('handler')
  @ApiOperation({ summary: 'The department answers an open order (handler of the order\u2019s department)' })
  respond(@Param('id', IdPipe) id: number, @Body() body: RespondSupervisionDto, @CurrentUser() user: AuthUser): Promise<SupervisionDto> {
    return this.orders.respond(id, body, user);
  }

  @Post('supervisions/:id/close')
  @ErrorCodes('SUPERVISION_STATUS_CONFLICT', 'CONCURRENT_CHANGE')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'A supervisor closes an order (open or responded)' })
  close(@Param('id', IdPipe) id: number, @Body() body: CloseSupervisionDto, @CurrentUser() user: AuthUser): Promise<SupervisionDto> {
    return this.orders.close(id, body, user);
  }
}
