import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RANKING_PERIODS, type RankingPeriod } from '@hotline/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class IssueBulletinDto {
  @ApiProperty({ enum: RANKING_PERIODS })
  @IsIn(RANKING_PERIODS, { message: `period must be one of ${RANKING_PERIODS.join(', ')}` })
  period!: RankingPeriod;

  @ApiPropertyOptional({ description: 'Any day of the period (Asia/Shanghai), YYYY-MM-DD; default today', example: '2026-11-16' })
  @IsOptional()
  @Length(10, 10, { message: 'date must be a date as YYYY-MM-DD' })
  @IsString({ message: 'date must be a date as YYYY-MM-DD' })
  date?: string;
}

export class BulletinFormatQuery {
  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx', 'html'], { message: 'format must be one of json, xlsx, html' })
  format?: 'json' | 'xlsx' | 'html';
}
