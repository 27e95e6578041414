import { Injectable, Logger } from '@nestjs/common';
import type { AuditAction, TicketEventName } from '@hotline/contracts';
import { Batcher } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { AuditTrail, type AuditLine } from '../platform/audit/audit-trail';
import { DomainEvents } from '../platform/events/domain-events';
import { TicketEntity } from '../casework/tickets/ticket.entity';
import { toEventPayload } from '../casework/tickets/ticket-view';
import { TicketsRepository, eventTicket, type DeadlineKind, type DueRow } from '../casework/tickets/tickets.repository';
import { SlaEffects, type SlaSource } from './sla-effects.service';
import type { SlaJob, SlaKind } from './sla-kinds';

/** How long the first due timer waits for others falling due with it, and the most in one batch. */
export const SLA_BATCH_WINDOW_MS = 5;
export const SLA_BATCH_MAX = 100;

/**
 * The same guards as SlaEffects (TicketsRepository.recordDeadline there; recordDeadlines here, for many tickets at
 * once): the version a timer was armed for must still be the ticket's, the clock must still apply, the effect must not
 * be recorded yet.
 */
type BatchedKind = DeadlineKind | 'order';
const BATCHED: ReadonlySet<SlaKind> = new Set<SlaKind>(['warn', 'breach', 'accept', 'order']);

const BATCH: Record<DeadlineKind, { action: AuditAction; event: TicketEventName }> = {
  warn: { action: 'sla_warning', event: 'sla.warning' },
  breach: { action: 'sla_breached', event: 'sla.breached' },
  accept: { action: 'accept_overdue', event: 'sla.accept_overdue' },
};

/**
 * Records the SLA effects that fall due together in batches: timers firing within SLA_BATCH_WINDOW_MS of each other
 * (at most SLA_BATCH_MAX) are one transaction of one locking read, one guarded multi-row UPDATE whose count is
 * checked, one audit INSERT and, for breaches, their supervision orders (SlaEffects.openAutomaticMany); supervision
 * orders past their deadline likewise (SlaEffects.ordersOverdue). The events and the orders' timers go out after the
 * commit. Exactly once as before: a ticket whose guard no longer holds is left out by the locked read and by the UPDATE alike. A
 * batch that fails is recorded ticket by ticket through SlaEffects, so one bad row never holds up the others.
 */
@Injectable()
export class SlaBatcher {
  private readonly logger = new Logger(SlaBatcher.name);
  private readonly batchers: Record<BatchedKind, Batcher<SlaJob, boolean>>;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
    private readonly single: SlaEffects,
    private readonly tickets: TicketsRepository,
  ) {
    const make = (kind: BatchedKind) => new Batcher<SlaJob, boolean>((jobs) => this.flush(kind, jobs), { windowMs: SLA_BATCH_WINDOW_MS, maxSize: SLA_BATCH_MAX });
    this.batchers = { warn: make('warn'), breach: make('breach'), accept: make('accept'), order: make('order') };
  }

  /**
   * Records a due timer's effect with the others due now; resolves to whether this job recorded it. A tracker's
   * follow-up is rare (one per 特急 ticket and interval): it goes on its own.
   */
  fire(job: SlaJob): Promise<boolean> {
    if (!BATCHED.has(job.kind)) return this.single.fire(job, 'timer');
    return this.batchers[job.kind as BatchedKind].add(job);
  }

  /**
   * Records many due effects of one kind at once (the sweeper catching up on timers Redis lost): batches of
   * SLA_BATCH_MAX, each one transaction as above; answers how many were recorded.
   */
  async recordMany(kind: SlaKind, jobs: SlaJob[], source: SlaSource): Promise<number> {
    if (!BATCHED.has(kind)) {
      let n = 0;
      for (const j of jobs) if (await this.single.fire(j, source)) n++;
      return n;
    }
    let recorded = 0;
    for (let i = 0; i < jobs.length; i += SLA_BATCH_MAX) {
      const chunk = jobs.slice(i, i + SLA_BATCH_MAX);
      recorded += (await this.flush(kind as BatchedKind, chunk, source)).filter(Boolean).length;
    }
    return recorded;
  }

  private async flush(kind: BatchedKind, jobs: SlaJob[], source: SlaSource = 'timer'): Promise<boolean[]> {
    // the same timer twice in one batch (a repeated job) is one candidate; the second answers false. A ticket has
    // one deadline of each kind, but may have several orders.
    const key = (j: SlaJob) => (kind === 'order' ? j.orderId! : j.ticketId);
    const unique = new Map<number, SlaJob>();
    for (const j of jobs) if (!unique.has(key(j))) unique.set(key(j), j);
    try {
      const now = new Date();
      const recorded = kind === 'order' ? await this.recordOrders([...unique.values()], now, source) : await this.record(kind, [...unique.values()], now, source);
      return jobs.map((j) => recorded.has(key(j)) && unique.get(key(j)) === j);
    } catch (e) {
      this.logger.warn(`a batch of ${jobs.length} ${kind} effects failed (${(e as Error).message}); recording them one by one`);
      const out: boolean[] = [];
      for (const j of jobs) out.push(await this.single.fire(j, source));
      return out;
    }
  }

  /** Orders past their deadline, one transaction (SlaEffects.ordersOverdue); the ids of the orders it recorded. */
  private async recordOrders(jobs: SlaJob[], now: Date, source: SlaSource): Promise<Set<number>> {
    const after: Array<() => Promise<unknown>> = [];
    const recorded = await this.db.transaction((m) => this.single.ordersOverdue(m, jobs, source, now, after));
    void Promise.all(after.map((run) => run())).catch((e: Error) => this.logger.warn(`supervision events not all published: ${e.message}`));
    return recorded;
  }

  /** One transaction for the batch; returns the ids it recorded. Events are published after the commit. */
  private async record(kind: DeadlineKind, jobs: SlaJob[], now: Date, source: SlaSource): Promise<Set<number>> {
    const g = BATCH[kind];
    const after: Array<() => Promise<unknown>> = [];
    const rows = await this.db.transaction(async (m) => {
      const { locked, affected } = await this.tickets.recordDeadlines(m, kind, jobs, now);
      if (!locked.length) return [];
      // the rows are locked: a count other than theirs means the guard and the read disagree; undo rather than guess
      if (affected !== locked.length) throw new Error(`guarded update matched ${affected} of ${locked.length} locked tickets`);
      const lines: AuditLine[] = locked.map((r) => {
        const due = new Date(kind === 'warn' ? r.warn_at : kind === 'breach' ? r.due_at : r.accept_due_at!);
        const data: Record<string, unknown> = { dueAt: due.toISOString(), lateMs: now.getTime() - due.getTime(), source, deadlineVersion: r.deadline_version };
        if (kind === 'accept') data.departmentId = r.department_id;
        if (kind === 'breach') data.breachCount = Number(r.breach_count) + 1;
        return { ticketId: Number(r.id), action: g.action, fromStatus: r.status, toStatus: r.status, actorId: null, actorRole: 'system', at: now, data };
      });
      // 督办: a breach opens a breach order, unless one is open on the ticket already (as SlaEffects, one place); its
      // `supervise` lines go in the same audit INSERT
      if (kind === 'breach')
        lines.push(
          ...(
            await this.single.openAutomaticMany(
              m,
              locked.map((r) => recorded(kind, r)),
              'breach',
              now,
              after,
            )
          ).lines,
        );
      await this.audit.append(m, lines);
      return locked;
    });
    // told side by side and without holding up the next batch (each is a Redis round trip); a ticket's breach is told
    // before the order it opened
    const tell = rows.map((r) => this.bus.publish(g.event, toEventPayload(recorded(kind, r), now)));
    void Promise.all(tell)
      .then(() => Promise.all(after.map((run) => run())))
      .catch((e: Error) => this.logger.warn(`SLA events not all published: ${e.message}`));
    return new Set(rows.map((r) => Number(r.id)));
  }
}

/** The ticket as the effect left it, as far as its live event and a breach order need it (from the locked read). */
function recorded(kind: DeadlineKind, r: DueRow): TicketEntity {
  const t = eventTicket(r);
  if (kind === 'breach') return { ...t, slaState: 'breached', breachCount: t.breachCount + 1 };
  return kind === 'warn' && t.slaState === 'on_track' ? { ...t, slaState: 'warning' } : t;
}
