import { Injectable } from '@nestjs/common';

/** The time source of the domain; tests that need another clock provide their own. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
