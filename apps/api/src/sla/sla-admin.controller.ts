import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BusinessCalendarDto, SlaPolicyDto } from '@hotline/contracts';
import type { AuthUser } from '../access/auth/auth-user';
import { CurrentUser, Roles } from '../access/auth/decorators';
import { IdPipe } from '../platform/http/id.pipe';
import { CalendarDto, UpdateSlaPolicyDto } from './sla-admin.dto';
import { SlaAdminService } from './sla-admin.service';

@ApiTags('sla')
@ApiBearerAuth()
@Controller()
export class SlaAdminController {
  constructor(private readonly admin: SlaAdminService) {}

  @Get('sla-policies')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'The SLA policy of each urgency' })
  policies(): Promise<SlaPolicyDto[]> {
    return this.admin.policies();
  }

  @Put('sla-policies/:urgency')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a policy (admin); tickets registered before keep their deadlines' })
  updatePolicy(@Param('urgency') urgency: string, @Body() body: UpdateSlaPolicyDto, @CurrentUser() user: AuthUser): Promise<SlaPolicyDto> {
    return this.admin.updatePolicy(urgency, body, user);
  }

  @Get('calendars')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Business calendars' })
  calendars(): Promise<BusinessCalendarDto[]> {
    return this.admin.calendars();
  }

  @Post('calendars')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a business calendar (admin)' })
  addCalendar(@Body() body: CalendarDto): Promise<BusinessCalendarDto> {
    return this.admin.saveCalendar(body);
  }

  @Put('calendars/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a business calendar (admin); applies to tickets registered afterwards' })
  updateCalendar(@Param('id', IdPipe) id: number, @Body() body: CalendarDto): Promise<BusinessCalendarDto> {
    return this.admin.saveCalendar(body, id);
  }
}
