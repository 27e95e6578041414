import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INCIDENT_STATUSES, type IncidentStatus } from '@hotline/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class CreateIncidentDto {
  @ApiProperty({ example: '2026年台风“海葵”防汛专项' })
  @Length(1, 100, { message: 'name must be 1-100 characters' })
  @IsString({ message: 'name must be a string' })
  name!: string;

  @ApiProperty({ example: ['内涝', '积水', '台风'], description: 'A new ticket whose words contain any of them is tagged' })
  // class-validator runs these bottom first: a list, of 1-50 strings, each 1-32 characters
  @Length(1, 32, { each: true, message: 'each keyword must be 1-32 characters' })
  @IsString({ each: true, message: 'each keyword must be a string' })
  @ArrayMaxSize(50, { message: 'keywords must hold 1-50 words' })
  @ArrayMinSize(1, { message: 'keywords must hold 1-50 words' })
  @IsArray({ message: 'keywords must be a list of words' })
  keywords!: string[];

  @ApiPropertyOptional({ example: 12, description: 'New tagged tickets are due within this many (SLA) hours at the latest' })
  @IsOptional()
  @Max(720, { message: 'slaHours must be 0.5-720' })
  @Min(0.5, { message: 'slaHours must be 0.5-720' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'slaHours must be a number of hours' })
  slaHours?: number;

  @ApiPropertyOptional({ example: '台风期间积水报修请直接派综合行政执法局，答复口径见知识库“防汛专项”。' })
  @IsOptional()
  @MaxLength(500, { message: 'banner must be at most 500 characters' })
  @IsString({ message: 'banner must be a string' })
  banner?: string;

  @ApiPropertyOptional({ description: 'When the crisis began (default now; not in the future)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO 8601 time' })
  startedAt?: string;

  @ApiPropertyOptional({ description: 'Temporary accounts expire then at the latest (in the future)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 time' })
  expiresAt?: string;
}

export class IncidentListQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES, { message: `status must be one of ${INCIDENT_STATUSES.join(', ')}` })
  status?: IncidentStatus;
}

export class TemporaryAgentsRequestDto {
  @ApiProperty({ example: 10, minimum: 1, maximum: 100 })
  @Max(100, { message: 'count must be 1-100' })
  @Min(1, { message: 'count must be 1-100' })
  @IsInt({ message: 'count must be an integer' })
  count!: number;
}

export class CloseIncidentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Min(1, { message: 'version must be positive' })
  @IsInt({ message: 'version must be an integer' })
  version?: number;
}

export class TagTicketDto {
  @ApiProperty({ nullable: true, description: 'The incident; null untags' })
  @ValidateIf((o: TagTicketDto) => o.incidentId !== null)
  @Min(1, { message: 'incidentId must be positive' })
  @IsInt({ message: 'incidentId must be an integer or null' })
  incidentId!: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Min(1, { message: 'version must be positive' })
  @IsInt({ message: 'version must be an integer' })
  version?: number;
}

export class IncidentReportQuery {
  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx', 'html'], { message: 'format must be one of json, xlsx, html' })
  format?: 'json' | 'xlsx' | 'html';
}
