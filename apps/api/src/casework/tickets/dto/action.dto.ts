import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, SATISFACTIONS, URGENCIES, type Category, type Satisfaction, type Urgency } from '@hotline/contracts';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MAX_INT, OptionalText, OptionalVersion, RequiredText } from './common';

export class VersionOnlyDto {
  @OptionalVersion()
  version?: number;
}

export class DispatchDto extends VersionOnlyDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId!: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}

export class ReturnDto extends VersionOnlyDto {
  @ApiProperty({ example: '不属于本部门职责，建议转住建局', maxLength: 1000 })
  @RequiredText(1000)
  reason!: string;
}

export class ReplyDto extends VersionOnlyDto {
  @ApiProperty({ example: '已安排维修人员到场处理，供水已恢复。', maxLength: 5000 })
  @RequiredText(5000)
  reply!: string;
}

/** 直接答复: the agent's own words, or an article of the knowledge base ("answer from this article"). */
export class ResolveDto extends VersionOnlyDto {
  @ApiPropertyOptional({ example: '已告知市民办理流程。', maxLength: 5000, description: 'required unless articleId is given (then it defaults to the article body)' })
  @ValidateIf((o: ResolveDto) => o.articleId === undefined || o.reply !== undefined)
  @RequiredText(5000)
  reply?: string;

  @ApiPropertyOptional({ description: 'the knowledge-base article the answer came from: linked in the audit trail, its use counted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  articleId?: number;
}

/** 合并重复件: this ticket closes as a duplicate of `intoId`. */
export class MergeDto extends VersionOnlyDto {
  @ApiProperty({ description: 'the original ticket (a duplicate given here is followed to its original)' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  intoId!: number;
}

/** 改派: the centre moves the ticket to another department. */
export class RedirectDto extends VersionOnlyDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  departmentId!: number;

  @ApiProperty({ example: '经核实属住建局职责，改派', maxLength: 1000 })
  @RequiredText(1000)
  reason!: string;

  @ApiPropertyOptional({ example: 2, description: 'extend the deadline by this many (SLA) hours; absent: the due time stays' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.01)
  @Max(24 * 30)
  extendHours?: number;
}

export class CallbackDto extends VersionOnlyDto {
  @ApiProperty({ enum: SATISFACTIONS })
  @IsIn(SATISFACTIONS)
  satisfaction!: Satisfaction;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}

export class UrgeDto extends VersionOnlyDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalText(1000)
  note?: string;
}

export class ReclassifyDto extends VersionOnlyDto {
  @ApiPropertyOptional({ enum: URGENCIES })
  @ValidateIf((o: ReclassifyDto) => o.urgency !== undefined || o.category === undefined)
  @IsIn(URGENCIES, { message: 'urgency and/or category is required; urgency must be one of: extra_urgent, urgent, normal' })
  urgency?: Urgency;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;
}

/** The body of any action, as the service sees it. */
export type ActionBody = Partial<DispatchDto & ReturnDto & ReplyDto & CallbackDto & UrgeDto & ReclassifyDto & ResolveDto & MergeDto & RedirectDto>;
