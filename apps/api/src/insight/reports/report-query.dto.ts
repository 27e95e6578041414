import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ReportFormat } from '@hotline/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const REPORT_FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx'];

export class ReportFormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class UnresolvedReportQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ description: 'The day (Asia/Shanghai), YYYY-MM-DD; default today', example: '2026-11-22' })
  @IsOptional()
  @IsString()
  @Length(10, 10, { message: 'date must be a date as YYYY-MM-DD' })
  date?: string;
}

export class WeeklyReportQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ description: 'Any day of the week (Asia/Shanghai), YYYY-MM-DD; default this week', example: '2026-11-16' })
  @IsOptional()
  @IsString()
  @Length(10, 10, { message: 'week must be a date as YYYY-MM-DD' })
  week?: string;
}
