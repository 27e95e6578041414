import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

function messages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`));
    return own.concat(messages(e.children ?? [], path));
  });
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
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new BadRequestException(messages(errors)),
    });
  }

  override async transform(value: unknown, meta: ArgumentMetadata): Promise<unknown> {
    if (meta.type === 'param' || meta.type === 'custom') return value; // path ids have their own pipe
    if (meta.type === 'body' && meta.metatype && meta.metatype !== Object) {
      if (value === undefined) value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new BadRequestException('request body must be a JSON object');
      }
    }
    return super.transform(value, meta);
  }
}
