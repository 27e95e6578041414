import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCodes } from '../../platform/http/openapi';
import type { ExtensionDto } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { ApproveExtensionDto, RejectExtensionDto, RequestExtensionDto } from './extension.dto';
import { ExtensionsService } from './extensions.service';

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('tickets/:id')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Get('extensions')
  @ApiOperation({ summary: 'Extension requests of a ticket, oldest first' })
  list(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<ExtensionDto[]> {
    return this.extensions.list(id, user);
  }

  @Post('extension')
  @ErrorCodes('TICKET_STATUS_CONFLICT', 'EXTENSION_PENDING', 'CONCURRENT_CHANGE')
  @Roles('handler')
  @ApiOperation({ summary: '延期申请: the handling department asks for more time (dispatched or accepted; one pending at a time)' })
  request(@Param('id', IdPipe) id: number, @Body() body: RequestExtensionDto, @CurrentUser() user: AuthUser): Promise<ExtensionDto> {
    return this.extensions.request(id, body, user);
  }

  @Post('extension/approve')
  @ErrorCodes('NOT_FOUND', 'CONCURRENT_CHANGE', 'CONFLICT')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve the pending request: dueAt moves by its hours and the timers are re-armed' })
  approve(@Param('id', IdPipe) id: number, @Body() body: ApproveExtensionDto, @CurrentUser() user: AuthUser): Promise<ExtensionDto> {
    return this.extensions.decide(id, true, body.note, user);
  }

  @Post('extension/reject')
  @ErrorCodes('NOT_FOUND', 'CONCURRENT_CHANGE', 'CONFLICT')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject the pending request, with a note' })
  reject(@Param('id', IdPipe) id: number, @Body() body: RejectExtensionDto, @CurrentUser() user: AuthUser): Promise<ExtensionDto> {
    return this.extensions.decide(id, false, body.note, user);
  }
}
