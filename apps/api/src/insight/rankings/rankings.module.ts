import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { FiguresPool } from './figures-pool.service';
import { RankingWeightsRepository } from './ranking-weights.repository';
import { RankingsController } from './rankings.controller';
import { RankingsService } from './rankings.service';

@Module({
  imports: [DepartmentsModule],
  controllers: [RankingsController],
  providers: [FiguresPool, RankingWeightsRepository, RankingsService],
  exports: [RankingsService, FiguresPool],
})
export class RankingsModule {}
