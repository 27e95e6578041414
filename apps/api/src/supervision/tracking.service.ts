import { Injectable } from '@nestjs/common';
import { OPEN_STATUSES } from '@hotline/contracts';
import { ApiError, fieldInvalid, ticketStatusConflict } from '../platform/http/api-error';
import type { FollowUpDto, TicketDto } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../platform/audit/audit-trail';
import type { AuthUser } from '../access/auth/auth-user';
import { DomainEvents } from '../platform/events/domain-events';
import { SlaClock } from '../sla/sla-clock.service';
import { SlaTimers } from '../sla/sla-timers.service';
import { Clock } from '../casework/tickets/clock';
import type { TicketEntity } from '../casework/tickets/ticket.entity';
import { toEventPayload, toTicketDto } from '../casework/tickets/ticket-view';
import { TicketsRepository } from '../casework/tickets/tickets.repository';
import { TicketsService } from '../casework/tickets/tickets.service';
import { UserEntity } from '../access/users/user.entity';
import { FollowUps } from './follow-ups.repository';
import type { FollowUpDto as FollowUpBody, TrackDto } from './supervision.dto';
import { updateTicketGuarded } from './ticket-update';

/** Roles that may track a ticket. */
const TRACKER_ROLES = ['agent', 'supervisor', 'leader'];

/**
 * 专人点对点跟踪督办: a ticket's tracker and the follow-ups they log. Naming a tracker or logging a follow-up sets the
 * next follow-up's due time (the policy's interval) under a new follow-up version, so the previous timer goes stale.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsService,
    private readonly sla: SlaClock,
    private readonly timers: SlaTimers,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
    private readonly clock: Clock,
    private readonly rows: TicketsRepository,
    private readonly followUpRows: FollowUps,
  ) {}

  async track(id: number, dto: TrackDto, user: AuthUser): Promise<TicketDto> {
    if (user.role === 'agent' && dto.userId !== user.id)
      throw new ApiError(403, 'FORBIDDEN_ROLE', {
        role: user.role,
        roles: ['supervisor'],
        reason: 'an agent may take a ticket only for itself (userId must be your own); a supervisor names others',
      });
    const target = await this.db.getRepository(UserEntity).findOne({ select: { role: true, active: true }, where: { id: dto.userId } });
    if (!target || !target.active || !TRACKER_ROLES.includes(target.role)) {
      throw fieldInvalid('userId', `userId ${dto.userId} is not an active agent, supervisor or leader`);
    }
    const now = this.clock.now();
    return this.change(id, user, now, 'track', (t) =>
      Promise.resolve({
        changes: { trackerId: dto.userId },
        data: { trackerId: dto.userId, previousTrackerId: t.trackerId },
      }),
    );
  }

  async followUp(id: number, dto: FollowUpBody, user: AuthUser): Promise<FollowUpDto> {
    const now = this.clock.now();
    let followUpId = 0;
    await this.change(id, user, now, 'follow_up', async (t, m) => {
      if (user.role !== 'supervisor' && t.trackerId !== user.id) throw new ApiError(403, 'NOT_TRACKER', { no: t.no });
      followUpId = await this.followUpRows.insert(m, { ticketId: t.id, userId: user.id, contact: dto.contact, note: dto.note, at: now });
      return { changes: {}, data: { followUpId, contact: dto.contact, note: dto.note } };
    });
    return { id: followUpId, ticketId: id, userId: user.id, note: dto.note, contact: dto.contact, at: now.toISOString() };
  }

  async followUps(id: number, user: AuthUser): Promise<FollowUpDto[]> {
    const { archived } = await this.tickets.findReadable(this.db.manager, id, user);
    return this.followUpRows.of(id, archived);
  }

  /** One guarded change of the ticket with its audit line; the next follow-up is due an interval from now. */
  private async change(
    id: number,
    user: AuthUser,
    now: Date,
    action: 'track' | 'follow_up',
    apply: (t: TicketEntity, m: DataSource['manager']) => Promise<{ changes: Partial<TicketEntity>; data: Record<string, unknown> }>,
  ): Promise<TicketDto> {
    let before: TicketEntity | undefined;
    const t = await this.db.transaction(async (m) => {
      await this.rows.lock(m, id);
      const t = await this.tickets.findVisible(m, id, user);
      if (t.status === 'closed') throw ticketStatusConflict(t.no, action, t.status, OPEN_STATUSES);
      before = { ...t };
      const { changes, data } = await apply(t, m);
      const followUpDueAt = await this.sla.followUpDue(now, t.urgency);
      Object.assign(changes, { followUpDueAt, followUpVersion: t.followUpVersion + 1, followUpMissedAt: null });
      await this.audit.append(m, [
        {
          ticketId: t.id,
          action,
          fromStatus: t.status,
          toStatus: t.status,
          actorId: user.id,
          actorRole: user.role,
          at: now,
          data: { ...data, followUpDueAt: followUpDueAt.toISOString() },
        },
      ]);
      return updateTicketGuarded(this.rows, m, t, changes, now);
    });
    await Promise.all([this.timers.rearm(before!, t), this.bus.publish('ticket.updated', { ...toEventPayload(t, now), action })]);
    return toTicketDto(t, user);
  }
}
