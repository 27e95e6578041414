import { Injectable } from '@nestjs/common';
import type { AuditAction, TicketEventName } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { DomainEvents } from '../events/domain-events';
import { TicketEntity } from '../tickets/ticket.entity';
import { toEventPayload } from '../tickets/ticket-view';
import { CLOCK_RUNNING, type SlaJob, type SlaKind } from './sla-kinds';

/** Where a recorded effect came from: its own timer, or the sweeper catching up on one the queue lost. */
export type SlaSource = 'timer' | 'sweep';

/**
 * What the clock does when a timer is due. Each effect is one conditional UPDATE that only matches while the
 * deadline the timer was armed for is still the ticket's, the clock still applies and the effect is not yet
 * recorded — so a duplicate, stale or early job changes nothing, however many workers run.
 */
const GUARDS: Record<SlaKind, { set: string; where: string; action: AuditAction; event: TicketEventName }> = {
  warn: {
    // Recorded even when the breach came first (a lost timer caught up by the sweeper), without undoing the breach.
    set: "warned_at = ?, sla_state = IF(sla_state = 'on_track', 'warning', sla_state)",
    where: 'deadline_version = ? AND warned_at IS NULL AND status IN (?) AND warn_at <= ?',
    action: 'sla_warning',
    event: 'sla.warning',
  },
  breach: {
    set: "sla_state = 'breached', breached_at = ?",
    where: "deadline_version = ? AND sla_state <> 'breached' AND status IN (?) AND due_at <= ?",
    action: 'sla_breached',
    event: 'sla.breached',
  },
  accept: {
    set: 'accept_overdue_at = ?',
    where: "dispatch_count = ? AND accept_overdue_at IS NULL AND status IN (?) AND accept_due_at <= ?",
    action: 'accept_overdue',
    event: 'sla.accept_overdue',
  },
};

@Injectable()
export class SlaEffects {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
  ) {}

  /** Records the effect of a due timer; returns whether this call recorded it. */
  async fire(job: SlaJob, source: SlaSource, now = new Date()): Promise<boolean> {
    const g = GUARDS[job.kind];
    const statuses = job.kind === 'accept' ? ['dispatched'] : CLOCK_RUNNING;
    const t = await this.db.transaction(async (m) => {
      const res = await m.query(`UPDATE tickets SET ${g.set} WHERE id = ? AND ${g.where}`, [now, job.ticketId, job.version, statuses, now]);
      if (res.affectedRows !== 1) return null;
      const [row] = await m.query(
        'SELECT id, no, status, urgency, department_id, sla_state, due_at, warn_at, accept_due_at, deadline_version FROM tickets WHERE id = ?',
        [job.ticketId],
      );
      const ticket = {
        id: row.id, no: row.no, status: row.status, urgency: row.urgency, departmentId: row.department_id, slaState: row.sla_state,
        dueAt: new Date(row.due_at), warnAt: new Date(row.warn_at), acceptDueAt: row.accept_due_at ? new Date(row.accept_due_at) : null,
        deadlineVersion: row.deadline_version,
      } as TicketEntity;
      const due = job.kind === 'warn' ? ticket.warnAt : job.kind === 'breach' ? ticket.dueAt : ticket.acceptDueAt!;
      const data: Record<string, unknown> = { dueAt: due.toISOString(), lateMs: now.getTime() - due.getTime(), source, deadlineVersion: ticket.deadlineVersion };
      if (job.kind === 'accept') data.departmentId = ticket.departmentId;
      await this.audit.append(m, [
        { ticketId: ticket.id, action: g.action, fromStatus: ticket.status, toStatus: ticket.status, actorId: null, actorRole: 'system', at: now, data },
      ]);
      if (job.kind === 'breach') {
        // 督办: the breach goes to the supervisors; the unique key makes a second one impossible.
        await m.query(
          "INSERT INTO escalations (ticket_id, deadline_version, kind, assignee_role, status, created_at) VALUES (?, ?, 'breach', 'supervisor', 'open', ?)",
          [ticket.id, ticket.deadlineVersion, now],
        );
      }
      return ticket;
    });
    if (t) await this.bus.publish(g.event, toEventPayload(t, now));
    return t !== null;
  }
}
