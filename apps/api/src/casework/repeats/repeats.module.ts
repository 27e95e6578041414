import { Module } from '@nestjs/common';
import { RepeatCandidatesRepository } from './repeat-candidates.repository';
import { RepeatCalls } from './repeat-calls.service';

/** Repeat calls (重复件): the same caller or address with similar words. */
@Module({ providers: [RepeatCandidatesRepository, RepeatCalls], exports: [RepeatCalls] })
export class RepeatsModule {}
