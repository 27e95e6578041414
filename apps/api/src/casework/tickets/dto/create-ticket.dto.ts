import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, URGENCIES, type Category, type CreateTicketRequest, type Urgency } from '@hotline/contracts';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_INT, OptionalText, RequiredText } from './common';
import { IsChinesePhone } from './is-chinese-phone.decorator';

export class CreateTicketDto implements CreateTicketRequest {
  @ApiProperty({ example: '13812345678', description: 'Chinese mobile or landline number' })
  @IsChinesePhone()
  callerPhone!: string;

  @ApiProperty({ example: '幸福小区3栋从早上开始停水，至今未恢复。', minLength: 1, maxLength: 5000 })
  @RequiredText(5000)
  content!: string;

  @ApiPropertyOptional({ example: '王女士', maxLength: 64 })
  @OptionalText(64)
  callerName?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, default: 'consultation' })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: URGENCIES, description: 'Omitted: the service classifies it (normal until classification lands)' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ example: '幸福路88号幸福小区3栋', maxLength: 255 })
  @OptionalText(255)
  address?: string;

  @ApiPropertyOptional({ default: false, description: 'Hide the caller from departments (always true for reports)' })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ description: 'Given: the ticket is dispatched to this department at once' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number;

  @ApiPropertyOptional({ description: 'The telephony call this ticket is registered in (from call.ringing): the call is linked to the ticket', maxLength: 64 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@-]{1,64}$/, { message: 'callId must be 1-64 letters, digits, . _ : @ or -' })
  callId?: string;
}
