import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { ListTicketsDto } from '../../casework/tickets/dto/list-tickets.dto';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { MAX_INT, OptionalNullableId, OptionalVersion, RequiredText } from '../../casework/tickets/dto/common';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateArticleDto {
  @ApiProperty({ example: '灵活就业人员如何缴纳社保', maxLength: 200 })
  @RequiredText(200)
  title!: string;

  @ApiProperty({ maxLength: 20000 })
  @RequiredText(20000)
  body!: string;

  @ApiPropertyOptional({ type: [String], example: ['社保', '灵活就业'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 24, { each: true, message: 'each tag must be 1-24 characters' })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullableId()
  departmentId?: number | null;

  @ApiPropertyOptional({ type: String, example: '2026-01-01', nullable: true, description: 'first day valid (Asia/Shanghai); null: already' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DAY, { message: 'validFrom must be a day YYYY-MM-DD' })
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, example: '2026-12-31', nullable: true, description: 'last day valid; null: no end' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DAY, { message: 'validTo must be a day YYYY-MM-DD' })
  validTo?: string | null;
}

/** Any of the article's fields, validated as on creation; `version` makes a stale edit a 409. */
export class UpdateArticleDto extends PartialType(CreateArticleDto) {
  @OptionalVersion()
  version?: number;
}

export class SearchArticlesQuery {
  @ApiProperty({ example: '社保 缴费', maxLength: 500 })
  @IsString()
  @Length(1, 500, { message: 'q must be 1-500 characters' })
  q!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number;

  @ApiPropertyOptional({ default: 10, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({
    enum: ['call'],
    description: "call: q is what a caller said; only articles relevant to the call (a minimum relevance), the call's suggested departments and catalogue matters lifting theirs",
  })
  @IsOptional()
  @IsIn(['call'])
  context?: 'call';

  @ApiPropertyOptional({ description: 'include articles outside their validity dates (admins checking the base)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeExpired?: boolean;
}

/** Paging as for the ticket list. */
export class ListArticlesQuery extends PickType(ListTicketsDto, ['page', 'pageSize'] as const) {}
