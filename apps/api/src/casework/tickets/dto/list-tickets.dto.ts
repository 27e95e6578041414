import { ApiPropertyOptional } from '@nestjs/swagger';
import { SLA_STATES, STATUSES, URGENCIES, type SlaState, type TicketListQuery, type TicketStatus, type Urgency } from '@hotline/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_INT } from './common';
import { IsChinesePhone } from './is-chinese-phone.decorator';

export const MAX_PAGE_SIZE = 100;

export class ListTicketsDto implements TicketListQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number;

  @ApiPropertyOptional({ description: 'tickets this user tracks (跟踪人)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  trackerId?: number;

  @ApiPropertyOptional({ description: 'cases this leader owns (包案)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  leaderId?: number;

  @ApiPropertyOptional({ enum: SLA_STATES })
  @IsOptional()
  @IsIn(SLA_STATES)
  slaState?: SlaState;

  @ApiPropertyOptional({ description: 'Text in the content, number, address, caller (caller only for the centre)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page: keyset paging, an index read however deep (not with page)' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  cursor?: string;

  @ApiPropertyOptional({ description: 'A whole ticket number (20261121-000042)', maxLength: 24 })
  @IsOptional()
  @IsString()
  @Length(1, 24)
  no?: string;

  @ApiPropertyOptional({ description: 'The caller\u2019s phone (a department: its non-confidential tickets only)' })
  @IsOptional()
  @IsString()
  @IsChinesePhone()
  phone?: string;

  @ApiPropertyOptional({ description: 'An Open311 service_request_id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  requestId?: number;

  @ApiPropertyOptional({ default: 20, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
