import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, RULE_KINDS, type Category, type ClassifyRequest, type RuleKind } from '@hotline/contracts';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { OptionalText, OptionalVersion, RequiredText } from '../../casework/tickets/dto/common';

export class ClassifyDto implements ClassifyRequest {
  @ApiProperty({ example: '幸福家园3栋楼道里煤气味很大', minLength: 1, maxLength: 5000 })
  @RequiredText(5000)
  content!: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  address?: string;
}

export class CreateRuleDto {
  @ApiProperty({ enum: RULE_KINDS })
  @IsIn(RULE_KINDS)
  kind!: RuleKind;

  @ApiProperty({ description: 'urgency rules: extra_urgent | urgent | normal; department rules: a department code', example: 'extra_urgent' })
  @Matches(/^[a-z_]{1,32}$/, { message: 'target must be an urgency or a department code' })
  target!: string;

  @ApiProperty({ example: '堤坝险情', maxLength: 64 })
  @RequiredText(64)
  label!: string;

  @ApiProperty({ example: '堤坝|河堤 + 管涌|决口|漫堤', description: 'alternatives joined by |, groups (all needed) by +' })
  @RequiredText(500)
  pattern!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateRuleDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/, { message: 'target must be an urgency or a department code' })
  target?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @RequiredText(64)
  label?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @RequiredText(500)
  pattern?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @OptionalVersion()
  version?: number;
}

export class RuleListQuery {
  @ApiPropertyOptional({ enum: RULE_KINDS })
  @IsOptional()
  @IsIn(RULE_KINDS)
  kind?: RuleKind;
}
