import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { fieldInvalid } from './api-error';

/** A path id: a positive 32-bit integer written in plain digits. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const n = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!(n <= 2147483647)) throw fieldInvalid(meta.data ?? 'id', `${meta.data ?? 'id'} must be a positive integer, got "${String(value).slice(0, 40)}"`);
    return n;
  }
}
