import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

export const MAX_INT = 2147483647;

/** Optional optimistic-lock version: when given and not the ticket's, the action is refused with 409. */
export const OptionalVersion = () =>
  applyDecorators(ApiPropertyOptional({ description: 'The ticket version the client saw; a mismatch is refused with 409' }), IsOptional(), IsInt(), Min(1), Max(MAX_INT));

/** A required free-text field: a string of 1..max characters that is not only white space. */
export const RequiredText = (max: number) => applyDecorators(IsString(), Length(1, max), Matches(/\S/, { message: ({ property }) => `${property} must not be blank` }));

export const OptionalText = (max: number) => applyDecorators(IsOptional(), IsString(), Length(0, max));

/** An optional id that may also be null (a department for an article, a handler's department). */
export const OptionalNullableId = () =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_o, v) => v !== null),
    IsInt(),
    Min(1),
    Max(MAX_INT),
  );
