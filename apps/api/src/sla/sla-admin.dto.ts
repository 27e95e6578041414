import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

export class UpdateSlaPolicyDto {
  @ApiProperty({ example: 2, description: 'Resolution window in (SLA) hours' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.01)
  @Max(24 * 30)
  resolutionHours!: number;

  @ApiProperty({ example: 0.75, description: 'Share of the window elapsed when the ticket turns yellow' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.01)
  @Max(0.99)
  warningRatio!: number;

  @ApiProperty({ example: 0.25, description: 'Sign-for (签收) limit of a dispatched ticket, in hours' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.01)
  @Max(24 * 30)
  acceptLimitHours!: number;

  @ApiPropertyOptional({ example: 30, description: 'How often the tracker must log a follow-up (跟踪督办), in minutes; unchanged when absent' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(1)
  @Max(24 * 60 * 30)
  followUpMinutes?: number;

  @ApiPropertyOptional({ example: 1, description: 'Default deadline of a supervision order (督办单), in hours; unchanged when absent' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.01)
  @Max(24 * 30)
  supervisionHours?: number;

  @ApiPropertyOptional({ nullable: true, description: 'A business calendar id; null or absent: round the clock' })
  @ValidateIf((o: UpdateSlaPolicyDto) => o.calendarId !== null && o.calendarId !== undefined)
  @IsInt()
  @Min(1)
  calendarId?: number | null;
}

export class CalendarDto {
  @ApiProperty({ example: '政府机关工作日' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 1440 }, minItems: 2, maxItems: 2 } },
    description: '7 days, Sunday first; each a list of [startMinute, endMinute] periods',
    example: [
      [],
      [
        [510, 720],
        [810, 1050],
      ],
      [
        [510, 720],
        [810, 1050],
      ],
      [
        [510, 720],
        [810, 1050],
      ],
      [
        [510, 720],
        [810, 1050],
      ],
      [
        [510, 720],
        [810, 1050],
      ],
      [],
    ],
  })
  @IsArray()
  weekdays!: Array<Array<[number, number]>>;

  @ApiProperty({ example: ['2026-10-01'] })
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays must hold dates as YYYY-MM-DD' })
  holidays!: string[];

  @ApiProperty({ example: ['2026-09-27'], description: 'Weekend days worked (调休)' })
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'makeUpDays must hold dates as YYYY-MM-DD' })
  makeUpDays!: string[];

  @ApiPropertyOptional({ description: "Periods of a make-up day (default: Monday's)" })
  @IsOptional()
  @IsArray()
  makeUpPeriods?: Array<[number, number]>;
}
