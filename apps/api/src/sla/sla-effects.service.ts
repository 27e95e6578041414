import { Injectable } from '@nestjs/common';
import type { AuditAction, TicketEventName } from '@hotline/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type AuditLine } from '../platform/audit/audit-trail';
import { DomainEvents } from '../platform/events/domain-events';
import { SupervisionOrders, type OrderRow } from '../supervision/supervision-orders.repository';
import { supervisionPayload } from '../supervision/supervision-view';
import { TicketEntity } from '../casework/tickets/ticket.entity';
import { toEventPayload } from '../casework/tickets/ticket-view';
import { TicketsRepository, type DeadlineKind } from '../casework/tickets/tickets.repository';
import { SystemUser } from '../access/users/system-user';
import { SlaClock } from './sla-clock.service';
import type { SlaJob } from './sla-kinds';
import { SlaTimers } from './sla-timers.service';

/** Where a recorded effect came from: its own timer, or the sweeper catching up on one the queue lost. */
export type SlaSource = 'timer' | 'sweep';

/**
 * What the clock does when a timer is due. Each effect is one conditional UPDATE (TicketsRepository.recordDeadline)
 * that only matches while the deadline the timer was armed for is still the ticket's, the clock still applies and the
 * effect is not yet recorded — so a duplicate, stale or early job changes nothing, however many workers run.
 */
const GUARDS: Record<DeadlineKind, { action: AuditAction; event: TicketEventName }> = {
  warn: { action: 'sla_warning', event: 'sla.warning' },
  breach: { action: 'sla_breached', event: 'sla.breached' },
  accept: { action: 'accept_overdue', event: 'sla.accept_overdue' },
};

type After = () => Promise<unknown>;

/** The orders the service opens by itself. */
type AutomaticKind = 'breach' | 'dissatisfaction';

@Injectable()
export class SlaEffects {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
    private readonly clock: SlaClock,
    private readonly orders: SupervisionOrders,
    private readonly timers: SlaTimers,
    private readonly system: SystemUser,
    private readonly tickets: TicketsRepository,
  ) {}

  /** Records the effect of a due timer; returns whether this call recorded it. */
  async fire(job: SlaJob, source: SlaSource, now = new Date()): Promise<boolean> {
    // Work that must wait for the commit (events, timers) is collected and run after it.
    const after: After[] = [];
    const recorded = await this.db.transaction(async (m) => {
      switch (job.kind) {
        case 'follow_up':
          return this.followUpMissed(m, job, source, now, after);
        case 'order':
          return this.orderOverdue(m, job, source, now, after);
        default:
          return this.deadline(m, job as SlaJob & { kind: DeadlineKind }, source, now, after);
      }
    });
    for (const run of after) await run();
    return recorded;
  }

  private async deadline(m: EntityManager, job: SlaJob & { kind: DeadlineKind }, source: SlaSource, now: Date, after: After[]): Promise<boolean> {
    const g = GUARDS[job.kind];
    if (!(await this.tickets.recordDeadline(m, job.kind, job.ticketId, job.version, now))) return false;
    const ticket = (await m.findOne(TicketEntity, { where: { id: job.ticketId } }))!;
    const due = job.kind === 'warn' ? ticket.warnAt : job.kind === 'breach' ? ticket.dueAt : ticket.acceptDueAt!;
    const data: Record<string, unknown> = { dueAt: due.toISOString(), lateMs: now.getTime() - due.getTime(), source, deadlineVersion: ticket.deadlineVersion };
    if (job.kind === 'accept') data.departmentId = ticket.departmentId;
    if (job.kind === 'breach') data.breachCount = ticket.breachCount;
    await this.audit.append(m, [{ ticketId: ticket.id, action: g.action, fromStatus: ticket.status, toStatus: ticket.status, actorId: null, actorRole: 'system', at: now, data }]);
    after.push(() => this.bus.publish(g.event, toEventPayload(ticket, now)));
    // 督办: a breach opens a breach order for the supervisors, unless one is open on the ticket already (unique key)
    if (job.kind === 'breach') await this.openAutomatic(m, ticket, 'breach', now, after);
    return true;
  }

  /**
   * Opens an order the service gives by itself (a breach, an unsatisfied callback), recorded as `supervise` with the
   * system as actor; nothing when an order of that kind is open on the ticket. `dueAt` defaults to the policy's.
   */
  async openAutomatic(m: EntityManager, t: TicketEntity, kind: AutomaticKind, now: Date, after: After[], dueAt?: Date): Promise<number | null> {
    const { ids, lines } = await this.openAutomaticMany(m, [t], kind, now, after, dueAt);
    await this.audit.append(m, lines);
    return ids.get(t.id) ?? null;
  }

  /**
   * openAutomatic for many tickets at once (a batch of breaches), in one INSERT; answers the new orders' ids by ticket
   * and their `supervise` lines, which the caller appends with its own (one audit INSERT for the batch). The tickets
   * need only what their live event carries (toEventPayload), their calendar and status. The caller holds the
   * tickets' row locks, as every opening of an order does.
   */
  async openAutomaticMany(
    m: EntityManager,
    tickets: TicketEntity[],
    kind: AutomaticKind,
    now: Date,
    after: After[],
    dueAt?: Date,
  ): Promise<{ ids: Map<number, number>; lines: AuditLine[] }> {
    if (!tickets.length) return { ids: new Map(), lines: [] };
    const systemId = await this.system.userId(m);
    const note = kind === 'breach' ? '工单超期，自动督办' : '市民不满意，督查限期整改';
    const dues = await Promise.all(tickets.map((t) => (dueAt ? Promise.resolve({ dueAt, calendarId: t.slaCalendarId }) : this.clock.supervisionDue(now, t.urgency))));
    const ids = await this.orders.insertUnlessOpen(
      m,
      tickets.map((t, i) => ({
        ticketId: t.id,
        departmentId: t.departmentId,
        kind,
        level: 'centre',
        dueAt: dues[i].dueAt,
        calendarId: dues[i].calendarId,
        note,
        createdBy: systemId,
        at: now,
      })),
    );
    const opened = tickets.flatMap((t, i) => {
      const id = ids.get(t.id);
      return id === undefined
        ? []
        : [{ t, order: { id, ticketId: t.id, kind, level: 'centre' as const, status: 'open' as const, dueAt: dues[i].dueAt, deadlineVersion: 1, overdueAt: null } }];
    });
    if (!opened.length) return { ids, lines: [] };
    after.push(() =>
      Promise.all([
        this.timers.armOrders(opened.map((o) => o.order)),
        ...opened.map(({ t, order }) => this.bus.publish('supervision.opened', supervisionPayload(t, order, 'supervise', now))),
      ]),
    );
    const lines = opened.map(({ t, order }) => ({
      ticketId: t.id,
      action: 'supervise' as const,
      fromStatus: t.status,
      toStatus: t.status,
      actorId: systemId,
      actorRole: 'system' as const,
      at: now,
      data: { supervisionId: order.id, kind, level: 'centre', dueAt: order.dueAt.toISOString(), departmentId: t.departmentId, note },
    }));
    return { ids, lines };
  }

  /** The tracker's follow-up interval passed without a follow-up: the tracker and the centre are alerted, once per interval. */
  private async followUpMissed(m: EntityManager, job: SlaJob, source: SlaSource, now: Date, after: After[]): Promise<boolean> {
    if (!(await this.tickets.recordFollowUpMissed(m, job.ticketId, job.version, now))) return false;
    const t = (await m.findOne(TicketEntity, { where: { id: job.ticketId } }))!;
    const due = t.followUpDueAt!;
    await this.audit.append(m, [
      {
        ticketId: t.id,
        action: 'follow_up_missed',
        fromStatus: t.status,
        toStatus: t.status,
        actorId: null,
        actorRole: 'system',
        at: now,
        data: { trackerId: t.trackerId, dueAt: due.toISOString(), lateMs: now.getTime() - due.getTime(), source },
      },
    ]);
    after.push(() => this.bus.publish('follow_up.due', { ...toEventPayload(t, now), trackerId: t.trackerId!, followUpDueAt: due.toISOString() }));
    return true;
  }

  /** An open order's deadline passed: a centre order rises to the leaders with a new deadline; a leader's is marked overdue. */
  private async orderOverdue(m: EntityManager, job: SlaJob, source: SlaSource, now: Date, after: After[]): Promise<boolean> {
    return (await this.ordersOverdue(m, [job], source, now, after)).has(job.orderId!);
  }

  /**
   * orderOverdue for many orders at once (their timers falling due together); answers the ids of the orders it
   * recorded. The tickets' row locks first, in id order (the order every ticket change keeps: no lock-order deadlock
   * with a reply), then the orders whose timer still holds (open, the timer's deadline version, not yet recorded, due),
   * locked; then one UPDATE per new deadline and one for the leaders' orders, each checked against the locked rows,
   * and one audit INSERT.
   */
  async ordersOverdue(m: EntityManager, jobs: SlaJob[], source: SlaSource, now: Date, after: After[]): Promise<Set<number>> {
    const recorded = new Set<number>();
    const tickets = await this.tickets.lockForEvents(m, [...new Set(jobs.map((j) => j.ticketId))]);
    if (!tickets.size) return recorded;
    const due = await this.orders.lockDue(
      m,
      jobs.map((j) => ({ id: j.orderId!, deadlineVersion: j.version })),
      now,
    );
    const lines: AuditLine[] = [];
    const told: Array<{ t: TicketEntity; next: OrderRow }> = [];
    // a centre order rises to the leaders, with the deadline of its ticket's urgency: one UPDATE per deadline
    const rising = due.filter((o) => o.level === 'centre' && tickets.has(o.ticketId));
    const byUrgency = new Map<TicketEntity['urgency'], OrderRow[]>();
    for (const o of rising) {
      const urgency = tickets.get(o.ticketId)!.urgency;
      byUrgency.set(urgency, [...(byUrgency.get(urgency) ?? []), o]);
    }
    for (const [urgency, group] of byUrgency) {
      const { dueAt } = await this.clock.supervisionDue(now, urgency);
      await this.orders.escalateMany(m, group, dueAt, now);
      for (const o of group) {
        const t = tickets.get(o.ticketId)!;
        told.push({ t, next: { ...o, level: 'leader', dueAt, deadlineVersion: o.deadlineVersion + 1 } });
        lines.push(
          this.overdueLine(
            t,
            { supervisionId: o.id, kind: o.kind, level: { from: 'centre', to: 'leader' }, previousDueAt: o.dueAt.toISOString(), dueAt: dueAt.toISOString() },
            o,
            now,
            source,
          ),
        );
      }
    }
    // a leader's order past its deadline is marked overdue, once
    const late = due.filter((o) => o.level === 'leader' && tickets.has(o.ticketId));
    await this.orders.markOverdueMany(m, late, now);
    for (const o of late) {
      const t = tickets.get(o.ticketId)!;
      told.push({ t, next: { ...o, overdueAt: now } });
      lines.push(this.overdueLine(t, { supervisionId: o.id, kind: o.kind, level: 'leader', dueAt: o.dueAt.toISOString(), overdue: true }, o, now, source));
    }
    if (!told.length) return recorded;
    await this.audit.append(m, lines);
    after.push(() =>
      Promise.all([
        this.timers.armOrders(told.map((x) => x.next)),
        ...told.map(({ t, next }) => this.bus.publish('supervision.updated', supervisionPayload(t, next, 'supervision_overdue', now))),
      ]),
    );
    for (const { next } of told) recorded.add(next.id);
    return recorded;
  }

  private overdueLine(t: TicketEntity, data: Record<string, unknown>, o: OrderRow, now: Date, source: SlaSource): AuditLine {
    Object.assign(data, { lateMs: now.getTime() - o.dueAt.getTime(), source });
    return { ticketId: t.id, action: 'supervision_overdue', fromStatus: t.status, toStatus: t.status, actorId: null, actorRole: 'system', at: now, data };
  }
}
