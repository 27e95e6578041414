import { applyDecorators } from '@nestjs/common';
import { canonicalUsername, usernameProblem } from '@hotline/domain';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/**
 * A username field: turned into its canonical form before any other check, so that every spelling of one name
 * reaches the same account; refused (400 naming the field) when it holds control or invisible characters.
 */
export function CanonicalUsername(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && !usernameProblem(value) ? canonicalUsername(value) : value), { toClassOnly: true }),
    ValidateBy({
      name: 'canonicalUsername',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && usernameProblem(value) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' ? (usernameProblem(args.value) ?? 'username is invalid') : 'username must be a string'),
      },
    }),
  );
}
