import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { URGENCIES, type Urgency } from '@hotline/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { OptionalVersion, RequiredText } from '../../casework/tickets/dto/common';

export class ConfusableDto {
  @ApiProperty({ example: '餐饮油烟' })
  @RequiredText(64)
  name!: string;

  @ApiProperty({ example: 7 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  departmentId!: number;

  @ApiProperty({ example: '是做饭的油烟味，不是燃气味' })
  @RequiredText(200)
  hint!: string;
}

export class CreateMatterDto {
  @ApiProperty({ example: 'utilities-gas-leak', description: 'lower-case letters, digits and dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'code must be 2-64 lower-case letters, digits or dashes' })
  code!: string;

  @ApiProperty({ example: '燃气泄漏' })
  @RequiredText(64)
  name!: string;

  @ApiProperty({ example: 13 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  departmentId!: number;

  @ApiPropertyOptional({ enum: URGENCIES, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(URGENCIES)
  urgency?: Urgency | null;

  @ApiProperty({ example: ['燃气', '煤气味', '漏气'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  terms!: string[];

  @ApiPropertyOptional({ example: ['家里一股臭鸡蛋味'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  phrasings?: string[];

  @ApiPropertyOptional({ type: [ConfusableDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ConfusableDto)
  confusable?: ConfusableDto[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateMatterDto extends PartialType(CreateMatterDto) {
  @OptionalVersion()
  version?: number;
}

export class MatterListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  departmentId?: number;

  @ApiPropertyOptional({ description: 'words in the name, terms or phrasings' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  q?: string;
}
