import { CONFIDENTIAL_MASK, type TicketDto, type TicketEventDto, type TicketEventPayload, type TicketSummaryDto } from '@hotline/contracts';
import { maskPhonesInText } from '@hotline/domain';
import type { AuthUser } from '../../access/auth/auth-user';
import type { TicketEventEntity } from './ticket-event.entity';
import type { TicketEntity } from './ticket.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Whether the viewer is outside the hotline centre and so must not learn who a confidential caller is. */
export function hidesCaller(viewer: Pick<AuthUser, 'role'>): boolean {
  return viewer.role === 'handler';
}

/**
 * The ticket as the viewer may see it: for departments, a confidential caller's name and phone are masked, and so is
 * any phone number written into the ticket's words (a reporter giving a number to call back).
 */
export function toTicketDto(t: TicketEntity, viewer: Pick<AuthUser, 'role'>, openEscalations?: number): TicketDto {
  const masked = t.confidential && hidesCaller(viewer);
  // an archived ticket (tickets_archive) says when it moved
  const archivedAt = (t as { archivedAt?: Date }).archivedAt;
  const words = (text: string | null): string | null => (masked && text ? maskPhonesInText(text) : text);
  return {
    id: t.id,
    no: t.no,
    status: t.status,
    urgency: t.urgency,
    category: t.category,
    content: words(t.content)!,
    callerName: masked ? CONFIDENTIAL_MASK : t.callerName,
    callerPhone: masked ? CONFIDENTIAL_MASK : t.callerPhone,
    address: words(t.address),
    confidential: Boolean(t.confidential),
    departmentId: t.departmentId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    slaState: t.slaState,
    breachedAt: iso(t.breachedAt),
    repliedAt: iso(t.repliedAt),
    closedAt: iso(t.closedAt),
    satisfaction: t.satisfaction,
    reply: words(t.reply),
    reopenCount: t.reopenCount,
    urgeCount: t.urgeCount,
    ...(openEscalations !== undefined ? { openEscalations } : {}),
    duplicateOfId: t.duplicateOfId ?? null,
    incidentId: t.incidentId ?? null,
    trackerId: t.trackerId ?? null,
    leaderId: t.leaderId ?? null,
    breachCount: t.breachCount ?? 0,
    warningCount: t.warningCount ?? 0,
    followUpDueAt: iso(t.followUpDueAt ?? null),
    version: t.version,
    ...(archivedAt instanceof Date ? { archivedAt: archivedAt.toISOString() } : {}),
  };
}

export function toTicketEventDto(e: TicketEventEntity): TicketEventDto {
  return {
    id: Number(e.id),
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorRole: e.actorRole,
    at: e.at.toISOString(),
    data: JSON.parse(e.data) as Record<string, unknown>,
  };
}

/** The live-event payload: never carries the caller's identity, so it is safe for every room. */
export function toEventPayload(t: TicketEntity, at: Date): TicketEventPayload {
  return {
    ticketId: t.id,
    no: t.no,
    status: t.status,
    urgency: t.urgency,
    departmentId: t.departmentId,
    slaState: t.slaState,
    dueAt: t.dueAt.toISOString(),
    at: at.toISOString(),
  };
}

/** A ticket row read with raw SQL (id, no, status, urgency, department_id, created_at), as lists of tickets show it. */
export function ticketSummary(r: Record<string, any>): TicketSummaryDto {
  return {
    ticketId: Number(r.id),
    no: r.no,
    status: r.status,
    urgency: r.urgency,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
