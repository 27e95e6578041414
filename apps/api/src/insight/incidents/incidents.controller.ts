import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncidentDetailDto, IncidentDto, IncidentSummaryDto, TemporaryAgentsDto, TicketDto } from '@hotline/contracts';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { IdPipe } from '../../platform/http/id.pipe';
import { toXlsx } from '../reports/report-files';
import { incidentHtml, incidentTables } from './incident-report';
import { CloseIncidentDto, CreateIncidentDto, IncidentListQuery, IncidentReportQuery, TagTicketDto, TemporaryAgentsRequestDto } from './incidents.dto';
import { IncidentsService } from './incidents.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller()
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly departments: DepartmentsService,
  ) {}

  @Post('incidents')
  @Roles('supervisor')
  @ApiOperation({ summary: '专项: opens an incident; new tickets matching its keywords are tagged and get its deadline' })
  create(@Body() dto: CreateIncidentDto, @CurrentUser() user: AuthUser): Promise<IncidentDto> {
    return this.incidents.create(dto, user);
  }

  @Get('incidents')
  @Roles('agent', 'supervisor', 'admin', 'leader')
  @ApiOperation({ summary: "Incidents, newest first (the intake screen pins the open ones' banners)" })
  list(@Query() q: IncidentListQuery): Promise<IncidentDto[]> {
    return this.incidents.list(q.status);
  }

  @Get('incidents/:id')
  @Roles('agent', 'supervisor', 'admin', 'leader')
  @ApiOperation({ summary: 'An incident with its board: volume per hour, per category and department, open and overdue, satisfaction' })
  detail(@Param('id', IdPipe) id: number): Promise<IncidentDetailDto> {
    return this.incidents.detail(id);
  }

  @Get('incidents/:id/report')
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: 'The summary report (kept at the close; so far while open): json, xlsx or a printable A4 page (html)' })
  async report(@Param('id', IdPipe) id: number, @Query() q: IncidentReportQuery, @Res({ passthrough: true }) res: FastifyReply): Promise<IncidentSummaryDto | Buffer | string> {
    const summary = await this.incidents.summary(id);
    const name = (d: number | null) => (d === null ? '未派单' : (this.departments.all().find((x) => x.id === d)?.name ?? `部门${d}`));
    if (q.format === 'xlsx') {
      res.header('content-type', XLSX);
      res.header('content-disposition', `attachment; filename="incident-${id}.xlsx"`);
      return toXlsx(incidentTables(summary, name));
    }
    if (q.format === 'html') {
      res.header('content-type', 'text/html; charset=utf-8');
      return incidentHtml(summary, name);
    }
    return summary;
  }

  @Post('incidents/:id/agents')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Temporary agent accounts for the incident, with random passwords shown once; they expire with it' })
  agents(@Param('id', IdPipe) id: number, @Body() dto: TemporaryAgentsRequestDto, @CurrentUser() user: AuthUser): Promise<TemporaryAgentsDto> {
    return this.incidents.createAgents(id, dto.count, user);
  }

  @Post('incidents/:id/close')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Closes the incident: its summary is kept, its temporary accounts end' })
  close(@Param('id', IdPipe) id: number, @Body() dto: CloseIncidentDto, @CurrentUser() user: AuthUser): Promise<IncidentSummaryDto> {
    return this.incidents.close(id, user, dto.version);
  }

  @Post('tickets/:id/incident')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Tags a ticket with an open incident, or untags it (incidentId null)' })
  tag(@Param('id', IdPipe) id: number, @Body() dto: TagTicketDto, @CurrentUser() user: AuthUser): Promise<TicketDto> {
    return this.incidents.tag(id, dto.incidentId, dto.version, user);
  }
}
