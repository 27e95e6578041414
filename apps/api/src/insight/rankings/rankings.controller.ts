import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RankingDto, RankingHistoryDto, RankingWeightsDto } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { PutRankingWeightsDto, RankingHistoryQuery, RankingQuery } from './rankings.dto';
import { RankingsService } from './rankings.service';

@ApiTags('rankings')
@ApiBearerAuth()
@Controller('rankings')
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  @Get()
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: '赛马晾晒: departments best first by weighted score, with the rank of the period before (docs/api.md)' })
  ranking(@Query() q: RankingQuery): Promise<RankingDto> {
    return this.rankings.ranking(q.period, q.date);
  }

  @Get('history')
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: "Each department's score and rank over the last periods (default 12), oldest first" })
  history(@Query() q: RankingHistoryQuery): Promise<RankingHistoryDto> {
    return this.rankings.history(q.period, q.date, q.count);
  }

  @Get('weights')
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: 'The points each KPI weighs in the score (summing to 100), with their version' })
  weights(): Promise<RankingWeightsDto> {
    return this.rankings.weights();
  }

  @Put('weights')
  @Roles('admin')
  @ApiOperation({ summary: 'Sets the weights: every ranking KPI, 0-100 points with at most two decimals, summing to 100' })
  setWeights(@Body() dto: PutRankingWeightsDto, @CurrentUser() user: AuthUser): Promise<RankingWeightsDto> {
    return this.rankings.setWeights(dto.weights, dto.version, user);
  }
}
