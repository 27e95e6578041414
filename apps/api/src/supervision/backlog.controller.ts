import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { BacklogItemDto, BacklogProgressDto } from '@hotline/contracts';
import type { PeriodKind } from '@hotline/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { AuthUser } from '../access/auth/auth-user';
import { CurrentUser, Roles } from '../access/auth/decorators';
import { MAX_INT } from '../casework/tickets/dto/common';
import { BacklogService } from './backlog.service';

class BacklogQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number;
}

class BacklogProgressQueryDto {
  @ApiPropertyOptional({ enum: ['week', 'month', 'quarter'], default: 'month' })
  @IsOptional()
  @IsIn(['week', 'month', 'quarter'])
  period?: Exclude<PeriodKind, 'day'>;

  @ApiPropertyOptional({ example: '2026-11-18', description: 'a day in the period (Asia/Shanghai); default today' })
  @IsOptional()
  @IsString()
  date?: string;
}

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('backlog')
export class BacklogController {
  constructor(private readonly backlog: BacklogService) {}

  @Get()
  @Roles('agent', 'supervisor', 'admin', 'leader', 'handler')
  @ApiOperation({ summary: '积案 register: open tickets too old (BACKLOG_DAYS), reopened twice or more, or called about three times or more' })
  register(@Query() q: BacklogQueryDto, @CurrentUser() user: AuthUser): Promise<{ items: BacklogItemDto[]; total: number }> {
    return this.backlog.register(q.departmentId, user);
  }

  @Get('progress')
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: '清零 progress per department: on the register at the period start, added, cleared, now' })
  progress(@Query() q: BacklogProgressQueryDto): Promise<BacklogProgressDto[]> {
    return this.backlog.progress(q.period ?? 'month', q.date);
  }
}
