import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import type { TicketAction, TicketDto } from '@hotline/contracts';
import { TRANSITIONS, computeDueAt, mayTake, nextStatus, slaStateAt } from '@hotline/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { EnvDto } from '../config/env.dto';
import { DomainEvents } from '../events/domain-events';
import { AuditTrail } from './audit-trail';
import { Clock } from './clock';
import type { ActionBody } from './dto/action.dto';
import { TicketEntity } from './ticket.entity';
import { TicketsService } from './tickets.service';
import { toEventPayload, toTicketDto } from './ticket-view';

type Changes = Partial<Omit<TicketEntity, 'id' | 'no' | 'version' | 'status'>>;

interface Effect {
  changes: Changes;
  data: Record<string, unknown>;
}

/**
 * Carries a ticket through the action table (libs/domain transitions.ts).
 * Each action is one transaction: a guarded UPDATE (id, status and version in the WHERE clause)
 * and its audit line; the live event is published after commit.
 */
@Injectable()
export class TicketActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly env: EnvDto,
    private readonly clock: Clock,
    private readonly tickets: TicketsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditTrail,
  ) {}

  async act(action: TicketAction, id: number, body: ActionBody, user: AuthUser): Promise<TicketDto> {
    const rule = TRANSITIONS[action];
    if (!mayTake(action, user.role)) {
      throw new ForbiddenException(`role ${user.role} may not ${action} a ticket; allowed: ${rule.roles.join(', ')}`);
    }
    if (action === 'dispatch') this.tickets.assertDepartment(body.departmentId as number);

    const now = this.clock.now();
    const updated = await this.db.transaction(async (m) => {
      const t = await this.tickets.findVisible(m, id, user);
      if (body.version !== undefined && body.version !== t.version) {
        throw new ConflictException(`version ${body.version} is stale: ticket ${t.no} is at version ${t.version} (status ${t.status})`);
      }
      const to = nextStatus(action, t.status, { satisfaction: body.satisfaction });
      if (!to) {
        throw new ConflictException(`cannot ${action} ticket ${t.no}: it is ${t.status}; ${action} needs ${rule.from.join(' or ')}`);
      }
      const { changes, data } = this.effect(action, t, body, now);
      const qb = m
        .createQueryBuilder()
        .update(TicketEntity)
        .set({ ...changes, status: to, updatedAt: now, version: () => 'version + 1' })
        .where('id = :id AND status = :status AND version = :version', { id, status: t.status, version: t.version });
      if (rule.ownDepartmentOnly) qb.andWhere('department_id = :dept', { dept: user.departmentId });
      const res = await qb.execute();
      if (res.affected !== 1) {
        // A locking read sees the committed winner, not this transaction's snapshot.
        // (LOCK IN SHARE MODE is the form both MySQL 8 and MariaDB accept; TypeORM would write FOR SHARE.)
        const [cur] = await m.query('SELECT status, version FROM tickets WHERE id = ? LOCK IN SHARE MODE', [id]);
        throw new ConflictException(`ticket ${t.no} changed while you acted: it is now ${cur?.status ?? 'gone'} (version ${cur?.version ?? '?'})`);
      }
      await this.audit.append(m, [{ ticketId: id, action, fromStatus: t.status, toStatus: to, actorId: user.id, actorRole: user.role, at: now, data }]);
      return Object.assign(t, changes, { status: to, updatedAt: now, version: t.version + 1 });
    });
    this.events.publish('ticket.updated', { ...toEventPayload(updated, now), action });
    return toTicketDto(updated, user);
  }

  /** What each action writes on the ticket and into its audit line. */
  private effect(action: TicketAction, t: TicketEntity, b: ActionBody, now: Date): Effect {
    switch (action) {
      case 'dispatch':
        return { changes: { departmentId: b.departmentId, dispatchedAt: now, acceptedAt: null }, data: { departmentId: b.departmentId, note: b.note ?? null } };
      case 'accept':
        return { changes: { acceptedAt: now }, data: { departmentId: t.departmentId } };
      case 'return':
        // Back to the centre: the returning department no longer holds (or sees) the ticket.
        return { changes: { departmentId: null, acceptedAt: null }, data: { departmentId: t.departmentId, reason: b.reason } };
      case 'reply':
        // Replying stops the clock: dueAt and slaState stay as they were at this moment.
        return { changes: { reply: b.reply, repliedAt: now }, data: { reply: b.reply, onTime: now <= t.dueAt } };
      case 'resolve':
        return { changes: { reply: b.reply, repliedAt: now, closedAt: now }, data: { reply: b.reply } };
      case 'callback':
        return b.satisfaction === 'unsatisfied' ? this.reopen(t, b, now) : { changes: { satisfaction: b.satisfaction, closedAt: now }, data: { satisfaction: b.satisfaction, note: b.note ?? null } };
      case 'urge':
        return { changes: { urgeCount: t.urgeCount + 1 }, data: { note: b.note ?? null, urgeCount: t.urgeCount + 1 } };
      case 'reclassify':
        return this.reclassify(t, b, now);
    }
  }

  /** 重办: back to the same department with a new deadline counted from the callback. */
  private reopen(t: TicketEntity, b: ActionBody, now: Date): Effect {
    const dueAt = computeDueAt(now, t.urgency, this.env.SLA_SECONDS_PER_HOUR);
    return {
      changes: {
        satisfaction: 'unsatisfied',
        reopenCount: t.reopenCount + 1,
        slaStartedAt: now,
        dueAt,
        deadlineVersion: t.deadlineVersion + 1,
        slaState: 'on_track',
        breachedAt: null,
        dispatchedAt: now,
        acceptedAt: null,
        repliedAt: null,
        reply: null,
      },
      data: {
        satisfaction: 'unsatisfied',
        note: b.note ?? null,
        reopened: true,
        reopenCount: t.reopenCount + 1,
        departmentId: t.departmentId,
        previousReply: t.reply,
        previousDueAt: t.dueAt.toISOString(),
        dueAt: dueAt.toISOString(),
      },
    };
  }

  private reclassify(t: TicketEntity, b: ActionBody, now: Date): Effect {
    const changes: Changes = {};
    const data: Record<string, unknown> = {};
    if (b.category !== undefined && b.category !== t.category) {
      changes.category = b.category;
      data.category = { from: t.category, to: b.category };
      if (b.category === 'report' && !t.confidential) {
        changes.confidential = true;
        data.confidential = { from: false, to: true, because: 'report' };
      }
    }
    if (b.urgency !== undefined && b.urgency !== t.urgency) {
      const dueAt = computeDueAt(t.slaStartedAt, b.urgency, this.env.SLA_SECONDS_PER_HOUR);
      changes.urgency = b.urgency;
      changes.dueAt = dueAt;
      changes.deadlineVersion = t.deadlineVersion + 1;
      // While the clock runs, the state follows the new deadline; a deadline that is already past keeps the
      // state it has, so that a recorded breach stands and a new one is left to the SLA clock (audit line, alert).
      if (t.repliedAt === null && dueAt > now) {
        changes.slaState = slaStateAt(now, t.slaStartedAt, dueAt);
        changes.breachedAt = null;
      }
      Object.assign(data, { urgency: { from: t.urgency, to: b.urgency }, previousDueAt: t.dueAt.toISOString(), dueAt: dueAt.toISOString() });
    }
    return { changes, data };
  }
}
