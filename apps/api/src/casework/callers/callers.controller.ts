import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerHistoryItem } from '@hotline/contracts';
import { normalizePhone } from '@hotline/domain';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { CallersService } from './callers.service';

class CallerHistoryQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

@ApiTags('callers')
@ApiBearerAuth()
@Controller('callers')
export class CallersController {
  constructor(private readonly callers: CallersService) {}

  @Get(':phone/tickets')
  @Roles('agent', 'supervisor', 'admin', 'handler', 'leader')
  @ApiOperation({ summary: '来电历史: the caller\u2019s tickets, open first. A handler sees only its department\u2019s non-confidential ones.' })
  history(@Param('phone') phone: string, @Query() q: CallerHistoryQuery, @CurrentUser() user: AuthUser): Promise<CallerHistoryItem[]> {
    if (!normalizePhone(phone)) throw new BadRequestException('phone must be a Chinese mobile or landline number');
    return this.callers.history(phone, user, q.limit ?? 10);
  }
}
