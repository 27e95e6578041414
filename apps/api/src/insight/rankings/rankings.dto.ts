import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RANKING_PERIODS, RANKING_WEIGHT_NAMES, type RankingPeriod } from '@hotline/contracts';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';

export class RankingQuery {
  @ApiPropertyOptional({ enum: RANKING_PERIODS, default: 'month' })
  @IsOptional()
  @IsIn(RANKING_PERIODS, { message: `period must be one of ${RANKING_PERIODS.join(', ')}` })
  period?: RankingPeriod;

  @ApiPropertyOptional({ description: 'Any day of the period (Asia/Shanghai), YYYY-MM-DD; default today', example: '2026-11-16' })
  @IsOptional()
  @IsString()
  @Length(10, 10, { message: 'date must be a date as YYYY-MM-DD' })
  date?: string;
}

export class RankingHistoryQuery extends RankingQuery {
  @ApiPropertyOptional({ description: 'How many periods, ending with the one of `date`', default: 12, minimum: 1, maximum: 24 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @Min(1, { message: 'count must be 1..24' })
  @Max(24, { message: 'count must be 1..24' })
  @IsInt({ message: 'count must be an integer' })
  count?: number;
}

export class PutRankingWeightsDto {
  @ApiProperty({
    description: `Points per KPI (${RANKING_WEIGHT_NAMES.join(', ')}), each 0-100 with at most two decimals, summing to 100; backlogClearedRate (积案清零率, added later) may be left out and is then 0`,
    example: { onTimeAcceptRate: 20, onTimeReplyRate: 25, satisfactionRate: 25, returnRate: 10, repeatCallRate: 10, backlogClearedRate: 10 },
  })
  @IsObject({ message: 'weights must be an object of KPI name to points' })
  weights!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The version read with GET; when it is no longer current: 409' })
  @IsOptional()
  @Min(1)
  @IsInt()
  version?: number;
}
