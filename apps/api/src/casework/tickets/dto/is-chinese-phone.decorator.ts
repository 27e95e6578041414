import { isChinesePhone } from '@hotline/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A Chinese mobile or landline number (see libs/domain phone.ts for the accepted forms). */
export function IsChinesePhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isChinesePhone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) => `${property} must be a Chinese mobile (e.g. 13812345678) or landline (e.g. 010-62345678) number`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isChinesePhone(value) },
    });
}
