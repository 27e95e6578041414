import { Module } from '@nestjs/common';
import { HotspotsController } from './hotspots.controller';
import { HotspotsRepository } from './hotspots.repository';
import { Hotspots } from './hotspots.service';

/** Hotspots (热点): many tickets about one problem in one area within a window. */
@Module({ controllers: [HotspotsController], providers: [HotspotsRepository, Hotspots], exports: [Hotspots] })
export class HotspotsModule {}
