import { isDuplicateKey } from '../../platform/database/errors';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ExtensionDto, PendingExtensionDto } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../../platform/audit/audit-trail';
import type { AuthUser } from '../../access/auth/auth-user';
import { DomainEvents } from '../../platform/events/domain-events';
import { SlaClock } from '../../sla/sla-clock.service';
import { CLOCK_RUNNING } from '../../sla/sla-kinds';
import { SlaTimers } from '../../sla/sla-timers.service';
import type { TicketEntity } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { toEventPayload } from '../tickets/ticket-view';
import type { RequestExtensionDto } from './extension.dto';
import type { TicketExtensionEntity } from './ticket-extension.entity';
import { TicketExtensionsRepository } from './ticket-extensions.repository';
import { ApiError } from '../../platform/http/api-error';

/** 延期: a handler asks for more time with a reason; a supervisor approves (the deadline moves) or rejects. */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly db: DataSource,
    private readonly extensions: TicketExtensionsRepository,
    private readonly tickets: TicketsService,
    private readonly audit: AuditTrail,
    private readonly sla: SlaClock,
    private readonly timers: SlaTimers,
    private readonly bus: DomainEvents,
  ) {}

  async list(ticketId: number, user: AuthUser): Promise<ExtensionDto[]> {
    const { archived } = await this.tickets.findReadable(this.db.manager, ticketId, user);
    const rows = await this.extensions.ofTicket(ticketId, archived);
    return rows.map(toDto);
  }

  async pending(): Promise<PendingExtensionDto[]> {
    const rows = await this.extensions.pending();
    if (!rows.length) return [];
    const tickets = await this.extensions.ticketsByIds(rows.map((r) => r.ticketId));
    const byId = new Map(tickets.map((t) => [t.id, t]));
    return rows.map((r) => {
      const t = byId.get(r.ticketId)!;
      return { ...toDto(r), no: t.no, departmentId: t.departmentId, urgency: t.urgency, dueAt: t.dueAt.toISOString() };
    });
  }

  async request(ticketId: number, dto: RequestExtensionDto, user: AuthUser): Promise<ExtensionDto> {
    const now = new Date();
    let ticket: TicketEntity | undefined;
    const result = await this.db.transaction(async (m) => {
      // The ticket row is locked so that two requests cannot both find no pending one.
      const t = await this.tickets.findVisible(m, ticketId, user);
      await this.extensions.lockTicket(m, ticketId);
      if (!['dispatched', 'accepted'].includes(t.status)) {
        throw new ApiError(409, 'TICKET_STATUS_CONFLICT', {
          no: t.no,
          action: 'extension',
          status: t.status,
          from: ['dispatched', 'accepted'],
          reason: `cannot ask for an extension of ticket ${t.no}: it is ${t.status}; extensions need dispatched or accepted`,
        });
      }
      if (await this.extensions.hasPending(m, ticketId)) {
        throw new ApiError(409, 'EXTENSION_PENDING', { no: t.no, reason: `ticket ${t.no} already has a pending extension request` });
      }
      // the check above reads this transaction's snapshot; the unique key on pending requests is what holds the line
      const row = await this.extensions
        .insert(m, {
          ticketId,
          deadlineVersion: t.deadlineVersion,
          requestedBy: user.id,
          requestedAt: now,
          hours: dto.hours,
          reason: dto.reason,
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
        })
        .catch((e: unknown) => {
          throw isDuplicateKey(e) ? new ApiError(409, 'EXTENSION_PENDING', { no: t.no, reason: `ticket ${t.no} already has a pending extension request` }) : e;
        });
      await this.audit.append(m, [
        {
          ticketId,
          action: 'extension_requested',
          fromStatus: t.status,
          toStatus: t.status,
          actorId: user.id,
          actorRole: user.role,
          at: now,
          data: { extensionId: row.id, hours: dto.hours, reason: dto.reason, dueAt: t.dueAt.toISOString() },
        },
      ]);
      ticket = t;
      return toDto(row);
    });
    // Supervisors see the request arrive; the ticket itself did not change.
    await this.bus.publish('ticket.updated', { ...toEventPayload(ticket!, now), action: 'extension_requested' });
    return result;
  }

  async decide(ticketId: number, approve: boolean, note: string | undefined, user: AuthUser): Promise<ExtensionDto> {
    const now = new Date();
    let before: TicketEntity | undefined;
    let after: TicketEntity | undefined;
    let ticket: TicketEntity | undefined;
    const result = await this.db.transaction(async (m) => {
      const t = await this.tickets.findVisible(m, ticketId, user);
      ticket = t;
      const ext = await this.extensions.pendingForUpdate(m, ticketId);
      if (!ext) throw new NotFoundException(`ticket ${t.no} has no pending extension request`);
      if (!(await this.extensions.decide(m, ext.id, approve ? 'approved' : 'rejected', user.id, now, note ?? null)))
        throw new ConflictException(`the extension request of ticket ${t.no} was decided meanwhile`);
      const data: Record<string, unknown> = { extensionId: ext.id, hours: ext.hours, note: note ?? null };
      if (approve) {
        if (!CLOCK_RUNNING.includes(t.status) || t.deadlineVersion !== ext.deadlineVersion) {
          throw new ConflictException(`cannot extend ticket ${t.no}: its deadline has changed or its clock has stopped (${t.status}); reject the request instead`);
        }
        const dueAt = await this.sla.extend(t.dueAt, ext.hours, t.slaCalendarId);
        // The yellow point keeps its distance to the deadline.
        const warnAt = new Date(dueAt.getTime() - (t.dueAt.getTime() - t.warnAt.getTime()));
        const changes: Partial<TicketEntity> = { dueAt, warnAt, deadlineVersion: t.deadlineVersion + 1, updatedAt: now };
        // a recorded breach stays recorded (breachedAt, breachCount): only the state of the new deadline changes
        if (now < warnAt) Object.assign(changes, { slaState: 'on_track', warnedAt: null });
        else if (now < dueAt) Object.assign(changes, { slaState: 'warning' });
        if (!(await this.extensions.moveDeadline(m, t, changes))) throw new ConflictException(`ticket ${t.no} changed while you decided; try again`);
        before = { ...t };
        after = Object.assign(t, changes, { version: t.version + 1 });
        Object.assign(data, { previousDueAt: before.dueAt.toISOString(), dueAt: dueAt.toISOString() });
      }
      await this.audit.append(m, [
        {
          ticketId,
          action: approve ? 'extension_approved' : 'extension_rejected',
          fromStatus: t.status,
          toStatus: t.status,
          actorId: user.id,
          actorRole: user.role,
          at: now,
          data,
        },
      ]);
      return toDto({ ...ext, status: approve ? 'approved' : 'rejected', decidedBy: user.id, decidedAt: now, decisionNote: note ?? null });
    });
    if (before && after) await this.timers.rearm(before, after);
    await this.bus.publish('ticket.updated', { ...toEventPayload(after ?? ticket!, now), action: approve ? 'extension_approved' : 'extension_rejected' });
    return result;
  }
}

function toDto(e: TicketExtensionEntity): ExtensionDto {
  return {
    id: e.id,
    ticketId: e.ticketId,
    hours: e.hours,
    reason: e.reason,
    status: e.status,
    requestedBy: e.requestedBy,
    requestedAt: e.requestedAt.toISOString(),
    decidedBy: e.decidedBy,
    decidedAt: e.decidedAt?.toISOString() ?? null,
    decisionNote: e.decisionNote,
  };
}
