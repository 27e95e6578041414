import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { MAX_INT, OptionalText, OptionalVersion, RequiredText } from '../tickets/dto/common';

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
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true, description: 'first day valid (Asia/Shanghai); null: already' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DAY, { message: 'validFrom must be a day YYYY-MM-DD' })
  validFrom?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, description: 'last day valid; null: no end' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DAY, { message: 'validTo must be a day YYYY-MM-DD' })
  validTo?: string | null;
}

export class UpdateArticleDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @RequiredText(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @RequiredText(20000)
  body?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 24, { each: true, message: 'each tag must be 1-24 characters' })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DAY, { message: 'validFrom must be a day YYYY-MM-DD' })
  validFrom?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DAY, { message: 'validTo must be a day YYYY-MM-DD' })
  validTo?: string | null;

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

  @ApiPropertyOptional({ description: 'include articles outside their validity dates (admins checking the base)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeExpired?: boolean;
}

export class ListArticlesQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

