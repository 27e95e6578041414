import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { EscalationDto } from '@hotline/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '../access/auth/decorators';
import { SupervisionOrders } from '../supervision/supervision-orders.repository';

class ListEscalationsDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

/**
 * 督办 (deprecated: `GET /supervisions?kind=breach`): the breach orders, in the old list's shape. A breach order is one
 * per ticket while open, so a ticket is listed once; it leaves the open list when a supervisor closes it.
 */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly orders: SupervisionOrders) {}

  @Get()
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: 'Deprecated: breach orders (督办单 kind breach) in the old shape, newest first, at most 500; use GET /supervisions', deprecated: true })
  async list(@Query() q: ListEscalationsDto): Promise<EscalationDto[]> {
    const rows = await this.orders.breachOrders(q.status ?? 'open');
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      no: r.no,
      kind: r.kind,
      status: r.status,
      departmentId: r.department_id,
      urgency: r.urgency,
      dueAt: new Date(r.due_at).toISOString(),
      breachedAt: r.breached_at ? new Date(r.breached_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
