import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';
import { OptionalText, RequiredText } from '../tickets/dto/common';

export class RequestExtensionDto {
  @ApiProperty({ example: 4, description: 'Extra (SLA) hours asked for' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.1)
  @Max(24 * 30)
  hours!: number;

  @ApiProperty({ example: '需协调供水公司更换主管道，预计明日完成', maxLength: 1000 })
  @RequiredText(1000)
  reason!: string;
}

export class ApproveExtensionDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}

export class RejectExtensionDto {
  @ApiProperty({ example: '情况紧急，请按期办结', maxLength: 1000 })
  @RequiredText(1000)
  note!: string;
}
