import type { ValidationError } from '@nestjs/common';
import { fieldLabel, type ErrorCode, type FieldError } from '@hotline/contracts';

const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'nestedValidation']);
const BY_CONSTRAINT: Record<string, ErrorCode> = {
  whitelistValidation: 'FIELD_UNKNOWN',
  isDefined: 'FIELD_REQUIRED',
  isNotEmpty: 'FIELD_REQUIRED',
  arrayNotEmpty: 'FIELD_REQUIRED',
  min: 'FIELD_TOO_SMALL',
  max: 'FIELD_TOO_LARGE',
  minLength: 'FIELD_TOO_SHORT',
  isLength: 'FIELD_TOO_SHORT',
  maxLength: 'FIELD_TOO_LONG',
  arrayMinSize: 'FIELD_REQUIRED',
  arrayMaxSize: 'FIELD_TOO_MANY',
  isIn: 'FIELD_NOT_ALLOWED_VALUE',
  isEnum: 'FIELD_NOT_ALLOWED_VALUE',
};

/** The number a class-validator message names (its limit), read after the property name. */
function limitIn(message: string): number | undefined {
  const m = /(-?\d+(?:\.\d+)?)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** One field error from one constraint of class-validator: the code, the field's Chinese label, the limit. */
export function fieldError(path: string, constraint: string, message: string, value: unknown): FieldError {
  const tail = message.startsWith(path.split('.').pop() ?? '') ? message.slice((path.split('.').pop() ?? '').length) : message;
  const reason = tail === message ? `${path}: ${message}` : `${path}${tail}`;
  let code: ErrorCode = BY_CONSTRAINT[constraint] ?? (TYPE_CONSTRAINTS.has(constraint) ? 'FIELD_TYPE' : 'FIELD_INVALID');
  if (constraint === 'whitelistValidation') {
    // "property foo should not exist": the field is the unknown property itself
    return { field: path, label: path, code, constraint, reason: message };
  }
  const numeric = constraint === 'min' || constraint === 'max';
  const textual = constraint === 'minLength' || constraint === 'maxLength' || constraint === 'isLength';
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) code = 'FIELD_REQUIRED';
  // validators run bottom-up: a string where a number belongs fails Max before IsInt; it is the type that is wrong
  else if ((numeric && typeof value !== 'number') || (textual && typeof value !== 'string')) code = 'FIELD_TYPE';
  else if (constraint === 'isLength') code = /shorter/.test(tail) ? 'FIELD_TOO_LONG' : 'FIELD_TOO_SHORT';
  const e: FieldError = { field: path, label: fieldLabel(path), code, constraint, reason };
  if (['FIELD_TOO_SMALL', 'FIELD_TOO_LARGE', 'FIELD_TOO_SHORT', 'FIELD_TOO_LONG', 'FIELD_TOO_MANY'].includes(code)) {
    const limit = limitIn(tail);
    if (limit !== undefined) e.limit = limit;
  }
  if (code === 'FIELD_NOT_ALLOWED_VALUE') {
    const list = /following values: (.*)$/.exec(tail)?.[1];
    if (list)
      e.allowed = list
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
  }
  return e;
}

/** Every offending field of a validation, nested ones by their path (`confusable.0.departmentId`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => fieldError(path, constraint, message, e.value));
    return own.concat(fieldErrors(e.children ?? [], path));
  });
}
