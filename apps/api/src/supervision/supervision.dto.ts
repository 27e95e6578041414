import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FOLLOW_UP_CONTACTS,
  SUPERVISION_KINDS,
  SUPERVISION_LEVELS,
  SUPERVISION_STATUSES,
  type FollowUpContact,
  type SupervisionKind,
  type SupervisionLevel,
  type SupervisionStatus,
} from '@hotline/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { MAX_INT, OptionalText, RequiredText } from '../casework/tickets/dto/common';

export class CreateSupervisionDto {
  @ApiPropertyOptional({ enum: SUPERVISION_LEVELS, default: 'centre' })
  @IsOptional()
  @IsIn(SUPERVISION_LEVELS)
  level?: SupervisionLevel;

  @ApiPropertyOptional({ example: '请于今日内办结并反馈', maxLength: 1000 })
  @OptionalText(1000)
  note?: string;

  @ApiPropertyOptional({ example: 2, description: 'the order\u2019s deadline in (SLA) hours on the ticket\u2019s calendar; absent: the policy\u2019s supervisionHours' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.01)
  @Max(24 * 30)
  hours?: number;
}

export class ListSupervisionsDto {
  @ApiPropertyOptional({ enum: SUPERVISION_STATUSES })
  @IsOptional()
  @IsIn(SUPERVISION_STATUSES)
  status?: SupervisionStatus;

  @ApiPropertyOptional({ enum: SUPERVISION_KINDS })
  @IsOptional()
  @IsIn(SUPERVISION_KINDS)
  kind?: SupervisionKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  ticketId?: number;
}

export class RespondSupervisionDto {
  @ApiProperty({ example: '已组织人员到场处理，今日办结。', maxLength: 5000 })
  @RequiredText(5000)
  note!: string;
}

export class CloseSupervisionDto {
  @ApiPropertyOptional({ example: '已核实办结', maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}

export class TrackDto {
  @ApiProperty({ description: 'the tracker: an agent, supervisor or leader (an agent may name only itself)' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  userId!: number;
}

export class FollowUpDto {
  @ApiProperty({ example: '已电话联系承办单位，正在抢修', maxLength: 1000 })
  @RequiredText(1000)
  note!: string;

  @ApiProperty({ enum: FOLLOW_UP_CONTACTS })
  @IsIn(FOLLOW_UP_CONTACTS)
  contact!: FollowUpContact;
}

export class AssignLeaderDto {
  @ApiProperty({ description: 'a user with the leader role' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  leaderId!: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}

export class InstructionDto {
  @ApiProperty({ example: '请住建局主要负责人牵头，三日内拿出方案', maxLength: 2000 })
  @RequiredText(2000)
  text!: string;
}
