import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { EscalationDto } from '@hotline/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators';

class ListEscalationsDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

/** 督办: breached deadlines assigned to the supervisors, newest first. */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Escalations (督办) from breached deadlines, newest first, at most 500' })
  async list(@Query() q: ListEscalationsDto): Promise<EscalationDto[]> {
    const rows: any[] = await this.db.query(
      `SELECT e.id, e.ticket_id, e.kind, e.status, e.created_at, t.no, t.department_id, t.urgency, t.due_at, t.breached_at
         FROM escalations e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.status = ? ORDER BY e.id DESC LIMIT 500`,
      [q.status ?? 'open'],
    );
    return rows.map((r) => ({
      id: r.id, ticketId: r.ticket_id, no: r.no, kind: r.kind, status: r.status, departmentId: r.department_id, urgency: r.urgency,
      dueAt: new Date(r.due_at).toISOString(), breachedAt: r.breached_at ? new Date(r.breached_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
