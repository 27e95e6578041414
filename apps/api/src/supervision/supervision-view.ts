import type { SupervisionDto, SupervisionEventPayload } from '@hotline/contracts';
import type { TicketEntity } from '../casework/tickets/ticket.entity';
import { toEventPayload } from '../casework/tickets/ticket-view';
import type { OrderRow } from './supervision-orders.repository';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toSupervisionDto(o: OrderRow): SupervisionDto {
  return {
    id: o.id,
    ticketId: o.ticketId,
    no: o.no,
    departmentId: o.departmentId,
    kind: o.kind,
    level: o.level,
    status: o.status,
    dueAt: o.dueAt.toISOString(),
    note: o.note,
    response: o.response,
    createdAt: o.createdAt.toISOString(),
    respondedAt: iso(o.respondedAt),
    closedAt: iso(o.closedAt),
    closeNote: o.closeNote,
    overdueAt: iso(o.overdueAt),
    ticketStatus: o.ticketStatus,
    readyToClose: o.status === 'responded' || (o.status === 'open' && (o.ticketStatus === 'replied' || o.ticketStatus === 'closed')),
    urgeCount: o.urgeCount,
  };
}

/** The live event of an order: the ticket's payload (its department hears it) and the order's state. */
export function supervisionPayload(
  t: TicketEntity,
  o: Pick<OrderRow, 'id' | 'kind' | 'level' | 'status' | 'dueAt'>,
  action: SupervisionEventPayload['action'],
  at: Date,
): SupervisionEventPayload {
  return { ...toEventPayload(t, at), supervisionId: o.id, kind: o.kind, level: o.level, supervisionStatus: o.status, supervisionDueAt: o.dueAt.toISOString(), action };
}
