import { Injectable } from '@nestjs/common';
import { OPEN_STATUSES } from '@hotline/contracts';
import { ApiError, concurrentChange, forbiddenRole, notFound, ticketStatusConflict } from '../platform/http/api-error';
import type { SupervisionDto } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../platform/audit/audit-trail';
import type { AuthUser } from '../access/auth/auth-user';
import { isDuplicateKey } from '../platform/database/errors';
import { DomainEvents } from '../platform/events/domain-events';
import { SlaClock } from '../sla/sla-clock.service';
import { SlaTimers } from '../sla/sla-timers.service';
import { Clock } from '../casework/tickets/clock';
import { TicketEntity } from '../casework/tickets/ticket.entity';
import { TicketsRepository } from '../casework/tickets/tickets.repository';
import { TicketsService } from '../casework/tickets/tickets.service';
import type { CloseSupervisionDto, CreateSupervisionDto, ListSupervisionsDto, RespondSupervisionDto } from './supervision.dto';
import { SupervisionOrders, type OrderRow } from './supervision-orders.repository';
import { supervisionPayload, toSupervisionDto } from './supervision-view';

/**
 * 督办单: a supervisor's order on an open ticket (the breach and dissatisfaction orders the service opens itself are in
 * SlaEffects), the department's response, the supervisor's close. Each change is one transaction: the guarded UPDATE
 * of the order and its audit line on the ticket; events and timers after commit.
 */
@Injectable()
export class SupervisionsService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: SupervisionOrders,
    private readonly tickets: TicketsService,
    private readonly sla: SlaClock,
    private readonly timers: SlaTimers,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
    private readonly clock: Clock,
    private readonly rows: TicketsRepository,
  ) {}

  async create(ticketId: number, dto: CreateSupervisionDto, user: AuthUser): Promise<SupervisionDto> {
    const now = this.clock.now();
    const level = dto.level ?? 'centre';
    let ticket: TicketEntity | undefined;
    const id = await this.db
      .transaction(async (m) => {
        await this.rows.lock(m, ticketId);
        const t = await this.tickets.findVisible(m, ticketId, user);
        if (t.status === 'closed') throw ticketStatusConflict(t.no, 'supervise', t.status, OPEN_STATUSES);
        ticket = t;
        const { dueAt, calendarId } = await this.sla.supervisionDue(now, t.urgency, dto.hours);
        const orderId = await this.orders.insert(m, {
          ticketId: t.id,
          departmentId: t.departmentId,
          kind: 'manual',
          level,
          dueAt,
          calendarId,
          note: dto.note ?? null,
          createdBy: user.id,
          at: now,
        });
        await this.audit.append(m, [
          {
            ticketId: t.id,
            action: 'supervise',
            fromStatus: t.status,
            toStatus: t.status,
            actorId: user.id,
            actorRole: user.role,
            at: now,
            data: { supervisionId: orderId, kind: 'manual', level, dueAt: dueAt.toISOString(), departmentId: t.departmentId, note: dto.note ?? null },
          },
        ]);
        return orderId;
      })
      .catch((e: unknown) => {
        if (isDuplicateKey(e)) throw new ApiError(409, 'SUPERVISION_OPEN_EXISTS', { no: ticket?.no ?? String(ticketId) });
        throw e;
      });
    const order = (await this.orders.find(this.db.manager, id))!;
    await Promise.all([this.timers.armOrder(order), this.bus.publish('supervision.opened', supervisionPayload(ticket!, order, 'supervise', now))]);
    return toSupervisionDto(order);
  }

  async list(q: ListSupervisionsDto, user: AuthUser): Promise<{ items: SupervisionDto[]; total: number }> {
    const filter = { ...q };
    if (user.role === 'handler') {
      // a department sees its own orders only; asking for another's is asking for nothing
      if (q.departmentId !== undefined && q.departmentId !== user.departmentId) return { items: [], total: 0 };
      filter.departmentId = user.departmentId!;
    }
    const { items, total } = await this.orders.list(filter);
    return { items: items.map(toSupervisionDto), total };
  }

  async get(id: number, user: AuthUser): Promise<SupervisionDto> {
    return toSupervisionDto(await this.visible(this.db.manager, id, user));
  }

  respond(id: number, dto: RespondSupervisionDto, user: AuthUser): Promise<SupervisionDto> {
    return this.change(id, user, 'supervision_response', async (m, o, now) => {
      if (o.status !== 'open') throw new ApiError(409, 'SUPERVISION_STATUS_CONFLICT', { id: o.id, status: o.status, action: 'supervision_response' });
      if (!(await this.orders.respond(m, o, dto.note, user.id, now))) throw concurrentChange(`supervision order ${o.id} changed while you answered; reload`);
      return { status: 'responded', data: { response: dto.note } };
    });
  }

  close(id: number, dto: CloseSupervisionDto, user: AuthUser): Promise<SupervisionDto> {
    return this.change(id, user, 'supervision_close', async (m, o, now) => {
      if (o.status === 'closed') throw new ApiError(409, 'SUPERVISION_STATUS_CONFLICT', { id: o.id, status: o.status, action: 'supervision_close' });
      if (!(await this.orders.close(m, o, dto.note ?? null, user.id, now))) throw concurrentChange(`supervision order ${o.id} changed while you closed it; reload`);
      return { status: 'closed', data: { note: dto.note ?? null, from: o.status, ticketStatus: o.ticketStatus } };
    });
  }

  /** The order, or 404 when it does not exist or is another department's (for a handler). */
  private async visible(m: DataSource['manager'], id: number, user: AuthUser): Promise<OrderRow> {
    const o = await this.orders.find(m, id);
    if (!o || (user.role === 'handler' && o.departmentId !== user.departmentId)) throw notFound('supervision', id);
    return o;
  }

  private async change(
    id: number,
    user: AuthUser,
    action: 'supervision_response' | 'supervision_close',
    apply: (m: DataSource['manager'], o: OrderRow, now: Date) => Promise<{ status: OrderRow['status']; data: Record<string, unknown> }>,
  ): Promise<SupervisionDto> {
    if (action === 'supervision_response' && user.role !== 'handler') throw forbiddenRole(user.role, ['handler']);
    const now = this.clock.now();
    const { order, ticket } = await this.db.transaction(async (m) => {
      const seen = await this.visible(m, id, user);
      await this.rows.lock(m, seen.ticketId);
      const o = (await this.orders.find(m, id))!; // as it is now that its ticket is ours
      const { status, data } = await apply(m, o, now);
      const t = (await m.findOne(TicketEntity, { where: { id: o.ticketId } }))!;
      await this.audit.append(m, [
        { ticketId: t.id, action, fromStatus: t.status, toStatus: t.status, actorId: user.id, actorRole: user.role, at: now, data: { supervisionId: o.id, kind: o.kind, ...data } },
      ]);
      return { order: { ...o, status }, ticket: t };
    });
    await this.bus.publish('supervision.updated', supervisionPayload(ticket, order, action, now));
    return toSupervisionDto((await this.orders.find(this.db.manager, id))!);
  }
}
