import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error';
import { fieldErrors } from './validation-errors';

/** 400 naming every offending field: the top-level code is the first field's, each field's code and label in details.fields. */
export function validationFailed(errors: ValidationError[]): ApiError {
  const fields = fieldErrors(errors);
  const first = fields[0] ?? { field: 'body', label: '请求内容', code: 'FIELD_INVALID' as const };
  return new ApiError(400, first.code, { field: first.field, label: first.label, fields, reason: fields.map((f) => f.reason).join('; ') });
}

/**
 * class-validator for every body and query: unknown fields are refused, and every message names its field.
 * A body that is not a JSON object (an array, a string, null) is refused before validation.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: true,
      // the value only tells a missing field (FIELD_REQUIRED) from a wrong one; it is never echoed
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => validationFailed(errors),
    });
  }

  override async transform(value: unknown, meta: ArgumentMetadata): Promise<unknown> {
    if (meta.type === 'param' || meta.type === 'custom') return value; // path ids have their own pipe
    if (meta.type === 'body' && meta.metatype && meta.metatype !== Object) {
      if (value === undefined) value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ApiError(400, 'BODY_NOT_OBJECT', { reason: 'request body must be a JSON object' });
      }
    }
    return super.transform(value, meta);
  }
}
