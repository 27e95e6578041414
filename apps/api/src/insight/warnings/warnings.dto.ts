import { ApiPropertyOptional } from '@nestjs/swagger';
import { WARNING_STATUSES, type WarningStatus } from '@hotline/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const int = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class WarningListQuery {
  @ApiPropertyOptional({ enum: WARNING_STATUSES })
  @IsOptional()
  @IsIn(WARNING_STATUSES, { message: `status must be one of ${WARNING_STATUSES.join(', ')}` })
  status?: WarningStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(int)
  @Min(1, { message: 'departmentId must be positive' })
  @IsInt({ message: 'departmentId must be an integer' })
  departmentId?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Transform(int)
  @Min(1, { message: 'page must be at least 1' })
  @Max(100000, { message: 'page must be at most 100000' })
  @IsInt({ message: 'page must be an integer' })
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOptional()
  @Transform(int)
  @Min(1, { message: 'pageSize must be 1..100' })
  @Max(100, { message: 'pageSize must be 1..100' })
  @IsInt({ message: 'pageSize must be an integer' })
  pageSize?: number;
}

export class AcknowledgeWarningDto {
  @ApiPropertyOptional({ description: 'When given and not the current version: 409' })
  @IsOptional()
  @Min(1, { message: 'version must be positive' })
  @IsInt({ message: 'version must be an integer' })
  version?: number;
}
