import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class EventsSinceQuery {
  @ApiPropertyOptional({ description: 'The last sequence the client has applied' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  since?: number;

  @ApiPropertyOptional({ description: 'The epoch that sequence belongs to (from an earlier answer)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  epoch?: string;
}
