import { Injectable } from '@nestjs/common';
import { OPEN_STATUSES } from '@hotline/contracts';
import { ApiError, fieldInvalid, ticketStatusConflict } from '../platform/http/api-error';
import type { InstructionDto, TicketDto } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../platform/audit/audit-trail';
import type { AuthUser } from '../access/auth/auth-user';
import { DomainEvents } from '../platform/events/domain-events';
import { Clock } from '../casework/tickets/clock';
import { toEventPayload, toTicketDto } from '../casework/tickets/ticket-view';
import { TicketsRepository } from '../casework/tickets/tickets.repository';
import { TicketsService } from '../casework/tickets/tickets.service';
import { UserEntity } from '../access/users/user.entity';
import { Instructions } from './instructions.repository';
import type { AssignLeaderDto, InstructionDto as InstructionBody } from './supervision.dto';
import { updateTicketGuarded } from './ticket-update';

/**
 * 领导包案 and 阅批: a supervisor gives a case to a leader; the leader who owns it writes instructions, which appear on
 * the ticket and reach its department live (a `ticket.updated` with action `instruct`).
 */
@Injectable()
export class LeadershipService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsService,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
    private readonly clock: Clock,
    private readonly rows: TicketsRepository,
    private readonly instructionRows: Instructions,
  ) {}

  async assign(id: number, dto: AssignLeaderDto, user: AuthUser): Promise<TicketDto> {
    const leader = await this.db.getRepository(UserEntity).findOne({ select: { role: true, active: true }, where: { id: dto.leaderId } });
    if (!leader || !leader.active || leader.role !== 'leader') throw fieldInvalid('leaderId', `leaderId ${dto.leaderId} is not an active leader`);
    const now = this.clock.now();
    const t = await this.db.transaction(async (m) => {
      await this.rows.lock(m, id);
      const t = await this.tickets.findVisible(m, id, user);
      if (t.status === 'closed') throw ticketStatusConflict(t.no, 'assign_leader', t.status, OPEN_STATUSES);
      await this.audit.append(m, [
        {
          ticketId: t.id,
          action: 'assign_leader',
          fromStatus: t.status,
          toStatus: t.status,
          actorId: user.id,
          actorRole: user.role,
          at: now,
          data: { leaderId: dto.leaderId, previousLeaderId: t.leaderId, note: dto.note ?? null },
        },
      ]);
      return updateTicketGuarded(this.rows, m, t, { leaderId: dto.leaderId }, now);
    });
    await this.bus.publish('ticket.updated', { ...toEventPayload(t, now), action: 'assign_leader' });
    return toTicketDto(t, user);
  }

  async instruct(id: number, dto: InstructionBody, user: AuthUser): Promise<InstructionDto> {
    const now = this.clock.now();
    const { t, instructionId } = await this.db.transaction(async (m) => {
      await this.rows.lock(m, id);
      const t = await this.tickets.findVisible(m, id, user);
      if (t.leaderId !== user.id) throw new ApiError(403, 'NOT_CASE_OWNER', { no: t.no });
      const instructionId = await this.instructionRows.insert(m, { ticketId: t.id, userId: user.id, text: dto.text, at: now });
      await this.audit.append(m, [
        { ticketId: t.id, action: 'instruct', fromStatus: t.status, toStatus: t.status, actorId: user.id, actorRole: user.role, at: now, data: { instructionId, text: dto.text } },
      ]);
      return { t, instructionId };
    });
    await this.bus.publish('ticket.updated', { ...toEventPayload(t, now), action: 'instruct' });
    return { id: instructionId, ticketId: id, userId: user.id, text: dto.text, at: now.toISOString() };
  }

  async instructions(id: number, user: AuthUser): Promise<InstructionDto[]> {
    const { archived } = await this.tickets.findReadable(this.db.manager, id, user);
    return this.instructionRows.of(id, archived);
  }
}
