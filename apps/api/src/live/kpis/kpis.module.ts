import { Module } from '@nestjs/common';
import { KpiSource } from './kpi-source.service';

@Module({ providers: [KpiSource], exports: [KpiSource] })
export class KpisModule {}
