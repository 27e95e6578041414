import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DuplicateCheckRequest } from '@hotline/contracts';
import { IsOptional } from 'class-validator';
import { OptionalText, RequiredText } from '../tickets/dto/common';
import { IsChinesePhone } from '../tickets/dto/is-chinese-phone.decorator';

export class DuplicateCheckDto implements DuplicateCheckRequest {
  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @IsChinesePhone()
  callerPhone?: string;

  @ApiProperty({ example: '幸福家园3栋停水', minLength: 1, maxLength: 5000 })
  @RequiredText(5000)
  content!: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  address?: string;
}
