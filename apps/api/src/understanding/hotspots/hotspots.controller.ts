import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { HOTSPOT_STATUSES, type HotspotDto, type HotspotStatus } from '@hotline/contracts';
import { IsIn, IsOptional } from 'class-validator';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { OptionalVersion } from '../../casework/tickets/dto/common';
import { Hotspots } from './hotspots.service';

class HotspotListQuery {
  @ApiPropertyOptional({ enum: HOTSPOT_STATUSES })
  @IsOptional()
  @IsIn(HOTSPOT_STATUSES)
  status?: HotspotStatus;
}

class CloseHotspotDto {
  @OptionalVersion()
  version?: number;
}

@ApiTags('hotspots')
@ApiBearerAuth()
@Controller('hotspots')
export class HotspotsController {
  constructor(private readonly hotspots: Hotspots) {}

  @Get()
  @Roles('agent', 'supervisor', 'admin', 'leader')
  @ApiOperation({ summary: '热点: tickets about the same problem in the same area within a short window, newest activity first' })
  list(@Query() q: HotspotListQuery): Promise<HotspotDto[]> {
    return this.hotspots.list(q.status);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One hotspot with its tickets' })
  @Roles('agent', 'supervisor', 'admin', 'leader')
  get(@Param('id', IdPipe) id: number): Promise<HotspotDto> {
    return this.hotspots.get(id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Close a hotspot (its cause is being handled); later tickets may raise a new one' })
  close(@Param('id', IdPipe) id: number, @Body() body: CloseHotspotDto, @CurrentUser() user: AuthUser): Promise<HotspotDto> {
    return this.hotspots.close(id, body.version, user);
  }
}
