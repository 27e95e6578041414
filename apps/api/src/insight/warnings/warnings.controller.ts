import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WarningDto, WarningListDto } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { AcknowledgeWarningDto, WarningListQuery } from './warnings.dto';
import { WarningsService } from './warnings.service';

@ApiTags('warnings')
@ApiBearerAuth()
@Controller('warnings')
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  @Get()
  @Roles('supervisor', 'admin', 'handler', 'leader')
  @ApiOperation({ summary: "预警, newest first; a handler sees its department's only" })
  list(@Query() q: WarningListQuery, @CurrentUser() user: AuthUser): Promise<WarningListDto> {
    return this.warnings.list(user, q);
  }

  @Post('check')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Checks the running period now (workers also do every WARNING_CHECK_SECONDS); answers the warnings this check issued' })
  async check(): Promise<{ issued: WarningDto[] }> {
    return { issued: await this.warnings.check() };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('handler', 'supervisor')
  @ApiOperation({ summary: 'The department (its handler) or a supervisor acknowledges a warning' })
  acknowledge(@Param('id', IdPipe) id: number, @Body() body: AcknowledgeWarningDto, @CurrentUser() user: AuthUser): Promise<WarningDto> {
    return this.warnings.acknowledge(id, user, body.version);
  }
}
