import { ConflictException, Injectable } from '@nestjs/common';
import type { TicketAction, TicketDto } from '@hotline/contracts';
import { KnowledgeBase } from '../../understanding/kb/kb.service';
import { TRANSITIONS, mayTake, nextStatus } from '@hotline/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../access/auth/auth-user';
import { SlaClock } from '../../sla/sla-clock.service';
import { SlaTimers } from '../../sla/sla-timers.service';
import { SlaEffects } from '../../sla/sla-effects.service';
import { SupervisionOrders } from '../../supervision/supervision-orders.repository';
import { supervisionPayload } from '../../supervision/supervision-view';
import { DomainEvents } from '../../platform/events/domain-events';
import { AuditTrail } from '../../platform/audit/audit-trail';
import { Clock } from './clock';
import type { ActionBody } from './dto/action.dto';
import { CallerNotices } from './caller-notices.repository';
import { TicketEntity } from './ticket.entity';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';
import { toEventPayload, toTicketDto } from './ticket-view';
import { ApiError, fieldInvalid } from '../../platform/http/api-error';

/** 积案: a ticket reopened this often is on the backlog register. */
export const BACKLOG_REOPENINGS = 2;
/** 积案: a problem called about this many times (the original and its merged repeats) is on the register. */
export const BACKLOG_CALLS = 3;

type Changes = Partial<Omit<TicketEntity, 'id' | 'no' | 'version' | 'status'>>;

interface Effect {
  changes: Changes;
  data: Record<string, unknown>;
  /** Another ticket the action touched (the original of a merged duplicate): its consoles hear of it. */
  also?: TicketEntity;
  /** A knowledge-base article was used: other instances re-read its count. */
  articleUsed?: boolean;
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
    private readonly sla: SlaClock,
    private readonly timers: SlaTimers,
    private readonly clock: Clock,
    private readonly tickets: TicketsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditTrail,
    private readonly kb: KnowledgeBase,
    private readonly effects: SlaEffects,
    private readonly orders: SupervisionOrders,
    private readonly rows: TicketsRepository,
    private readonly notices: CallerNotices,
  ) {}

  async act(action: TicketAction, id: number, body: ActionBody, user: AuthUser): Promise<TicketDto> {
    const rule = TRANSITIONS[action];
    if (!mayTake(action, user.role)) {
      throw new ApiError(403, 'FORBIDDEN_ROLE', {
        role: user.role,
        roles: [...rule.roles],
        action,
        reason: `role ${user.role} may not ${action} a ticket; allowed: ${rule.roles.join(', ')}`,
      });
    }
    if (action === 'dispatch' || action === 'redirect') this.tickets.assertDepartment(body.departmentId as number);

    const now = this.clock.now();
    let before: TicketEntity | undefined;
    let effect: Effect | undefined;
    // what must wait for the commit besides the ticket's own event and timers (the orders' events and timers)
    const after: Array<() => Promise<unknown>> = [];
    const updated = await this.db.transaction(async (m) => {
      const t = await this.tickets.findVisible(m, id, user);
      if (body.version !== undefined && body.version !== t.version) {
        throw new ApiError(409, 'VERSION_CONFLICT', {
          no: t.no,
          version: body.version,
          currentVersion: t.version,
          status: t.status,
          reason: `version ${body.version} is stale: ticket ${t.no} is at version ${t.version} (status ${t.status})`,
        });
      }
      const to = nextStatus(action, t.status, { satisfaction: body.satisfaction });
      if (!to) {
        throw new ApiError(409, 'TICKET_STATUS_CONFLICT', {
          no: t.no,
          action,
          status: t.status,
          from: [...rule.from],
          reason: `cannot ${action} ticket ${t.no}: it is ${t.status}; ${action} needs ${rule.from.join(' or ')}`,
        });
      }
      before = { ...t };
      effect = await this.effect(m, action, t, body, now, user);
      const { changes, data } = effect;
      const matched = await this.rows.updateGuarded(m, t, { ...changes, status: to, updatedAt: now }, rule.ownDepartmentOnly ? user.departmentId : undefined);
      if (!matched) {
        // A locking read sees the committed winner, not this transaction's snapshot.
        const cur = await this.rows.committedState(m, id);
        throw new ApiError(409, 'CONCURRENT_CHANGE', {
          no: t.no,
          ...(cur ? { status: cur.status, currentVersion: cur.version } : {}),
          reason: `ticket ${t.no} changed while you acted: it is now ${cur?.status ?? 'gone'} (version ${cur?.version ?? '?'})`,
        });
      }
      await this.audit.append(m, [{ ticketId: id, action, fromStatus: t.status, toStatus: to, actorId: user.id, actorRole: user.role, at: now, data }]);
      const done = Object.assign(t, changes, { status: to, updatedAt: now, version: t.version + 1 });
      await this.supervise(m, action, before, done, user, now, after);
      return done;
    });
    const left = before!.departmentId !== null && before!.departmentId !== updated.departmentId;
    // Both only after commit, and independent of each other: the consoles need not wait for the timers.
    const also = effect!.also;
    await Promise.all([
      this.timers.rearm(before!, updated),
      this.events.publish('ticket.updated', { ...toEventPayload(updated, now), action, ...(left ? { previousDepartmentId: before!.departmentId } : {}) }),
      also ? this.events.publish('ticket.updated', { ...toEventPayload(also, now), action: 'duplicate_merged' }) : undefined,
      effect!.articleUsed ? this.kb.used() : undefined,
      ...after.map((run) => run()),
    ]);
    return toTicketDto(updated, user);
  }

  /**
   * What an action means for the ticket's supervision orders, in its transaction: a reply answers the open ones (they
   * are then ready to close, never left silently open); a dispatch or redirect takes the unclosed ones to the new
   * department; an unsatisfied callback opens a 督查 order whose deadline is the reopened ticket's (限期整改).
   */
  private async supervise(
    m: EntityManager,
    action: TicketAction,
    before: TicketEntity,
    t: TicketEntity,
    user: AuthUser,
    now: Date,
    after: Array<() => Promise<unknown>>,
  ): Promise<void> {
    if (action === 'reply') {
      for (const o of await this.orders.unclosedOf(m, t.id)) {
        if (o.status !== 'open' || !(await this.orders.respond(m, o, t.reply!, user.id, now, true))) continue;
        await this.audit.append(m, [
          {
            ticketId: t.id,
            action: 'supervision_response',
            fromStatus: t.status,
            toStatus: t.status,
            actorId: user.id,
            actorRole: user.role,
            at: now,
            data: { supervisionId: o.id, kind: o.kind, byReply: true, response: t.reply },
          },
        ]);
        const next = { ...o, status: 'responded' as const };
        after.push(() => this.events.publish('supervision.updated', supervisionPayload(t, next, 'supervision_response', now)));
      }
    } else if ((action === 'dispatch' || action === 'redirect') && before.departmentId !== t.departmentId) {
      await this.orders.follow(m, t.id, t.departmentId);
    } else if (action === 'callback' && t.satisfaction === 'unsatisfied' && t.status !== 'closed') {
      await this.effects.openAutomatic(m, t, 'dissatisfaction', now, after, t.dueAt);
    }
  }

  /** What each action writes on the ticket and into its audit line. */
  private async effect(m: EntityManager, action: TicketAction, t: TicketEntity, b: ActionBody, now: Date, user: AuthUser): Promise<Effect> {
    switch (action) {
      case 'dispatch': {
        const acceptDueAt = await this.sla.acceptDue(now, t.urgency);
        return {
          changes: { departmentId: b.departmentId, dispatchedAt: now, acceptedAt: null, acceptDueAt, acceptOverdueAt: null, dispatchCount: t.dispatchCount + 1 },
          data: { departmentId: b.departmentId, note: b.note ?? null, acceptDueAt: acceptDueAt.toISOString() },
        };
      }
      case 'redirect':
        return await this.redirect(t, b, now);
      case 'accept':
        return { changes: { acceptedAt: now }, data: { departmentId: t.departmentId } };
      case 'return':
        // Back to the centre: the returning department no longer holds (or sees) the ticket.
        return { changes: { departmentId: null, acceptedAt: null }, data: { departmentId: t.departmentId, reason: b.reason } };
      case 'reply':
        // Replying stops the clock: dueAt and slaState stay as they were at this moment.
        return { changes: { reply: b.reply, repliedAt: now }, data: { reply: b.reply, onTime: now <= t.dueAt } };
      case 'resolve': {
        if (b.articleId === undefined) return { changes: { reply: b.reply, repliedAt: now, closedAt: now }, data: { reply: b.reply } };
        const article = await this.kb.use(m, b.articleId, now);
        const reply = b.reply ?? article.body;
        return {
          changes: { reply, repliedAt: now, closedAt: now },
          data: { reply, article: { id: article.id, title: article.title, version: article.version } },
          articleUsed: true,
        };
      }
      case 'merge':
        return await this.merge(m, t, b.intoId as number, now, user);
      case 'callback':
        return b.satisfaction === 'unsatisfied'
          ? await this.reopen(t, b, now)
          : { changes: { satisfaction: b.satisfaction, closedAt: now }, data: { satisfaction: b.satisfaction, note: b.note ?? null } };
      case 'urge':
        return { changes: { urgeCount: t.urgeCount + 1 }, data: { note: b.note ?? null, urgeCount: t.urgeCount + 1 } };
      case 'reclassify':
        return await this.reclassify(t, b, now);
    }
  }

  /**
   * 合并重复件: the repeat call closes, linked to the original (followed to its root if it is itself a duplicate);
   * the original's audit trail records it, and the caller gets a notice (the SMS outbox) naming the original.
   */
  private async merge(m: EntityManager, t: TicketEntity, intoId: number, now: Date, user: AuthUser): Promise<Effect> {
    // Both rows locked, in id order (two merges of the same pair, either way round, queue instead of deadlocking), and
    // read as they are now, not as this transaction's snapshot saw them: the original may just have been merged itself.
    await this.rows.lockInOrder(m, [t.id, intoId]);
    const locked = (id: number) => m.findOne(TicketEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    let original = await locked(intoId);
    for (let hops = 0; original?.duplicateOfId && hops < 10; hops++) original = await locked(original.duplicateOfId);
    if (!original) throw new ApiError(400, 'REFERENCE_NOT_FOUND', { field: 'intoId', value: intoId, reason: `intoId ${intoId} is not a ticket` });
    if (original.id === t.id) throw fieldInvalid('intoId', 'a ticket cannot be merged into itself');
    const self = await locked(t.id);
    if (self?.duplicateOfId) throw new ConflictException(`ticket ${t.no} was merged into another ticket at the same moment`);
    const reply = `重复件，已并入工单 ${original.no} 一并办理`;
    await this.audit.append(m, [
      {
        ticketId: original.id,
        action: 'duplicate_merged',
        fromStatus: original.status,
        toStatus: original.status,
        actorId: user.id,
        actorRole: user.role,
        at: now,
        // a confidential report's words stay on its own ticket: the original's department reads this trail
        data: { duplicateId: t.id, duplicateNo: t.no, ...(t.confidential ? { confidential: true } : { content: t.content.slice(0, 500) }) },
      },
    ]);
    const n = await this.rows.duplicatesOf(m, original.id);
    // 积案: called about three times or more (the original, the repeats merged before, and this one)
    if (n + 2 >= BACKLOG_CALLS) await this.rows.markBacklog(m, original.id, now);
    if (t.callerPhone) {
      await this.notices.insert(m, {
        ticketId: t.id,
        phone: t.callerPhone,
        reason: 'merged',
        message: `您反映的问题（工单 ${t.no}）与工单 ${original.no} 为同一问题，已合并办理，办理结果将一并告知。`,
        at: now,
      });
    }
    // tickets merged into this one before follow it to the original: nobody is left a duplicate of a duplicate
    await this.rows.moveDuplicates(m, t.id, original.id);
    return {
      changes: { duplicateOfId: original.id, reply, repliedAt: now, closedAt: now },
      data: { duplicateOfId: original.id, duplicateOfNo: original.no, originalStatus: original.status },
      also: original,
    };
  }

  /** 重办: back to the same department with a new deadline counted from the callback. */
  private async reopen(t: TicketEntity, b: ActionBody, now: Date): Promise<Effect> {
    const { dueAt, warnAt, calendarId } = await this.sla.window(now, t.urgency);
    const acceptDueAt = await this.sla.acceptDue(now, t.urgency);
    return {
      changes: {
        warnAt,
        warnedAt: null,
        slaCalendarId: calendarId,
        acceptDueAt,
        acceptOverdueAt: null,
        dispatchCount: t.dispatchCount + 1,
        satisfaction: 'unsatisfied',
        reopenCount: t.reopenCount + 1,
        // 积案: reopened twice or more
        backlogSince: t.backlogSince ?? (t.reopenCount + 1 >= BACKLOG_REOPENINGS ? now : null),
        slaStartedAt: now,
        dueAt,
        deadlineVersion: t.deadlineVersion + 1,
        // the new deadline starts on track; breachedAt and breachCount keep the history (the breach still counts)
        slaState: 'on_track',
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

  /**
   * 改派: the centre moves a dispatched or accepted ticket to another department. A new sign-for limit; the same
   * deadline unless the supervisor extends it (extendHours, on the ticket's calendar). Breaches and warnings stay counted.
   */
  private async redirect(t: TicketEntity, b: ActionBody, now: Date): Promise<Effect> {
    if (b.departmentId === t.departmentId) throw fieldInvalid('departmentId', `departmentId ${b.departmentId} already holds ticket ${t.no}; redirect needs another department`);
    const acceptDueAt = await this.sla.acceptDue(now, t.urgency);
    const changes: Changes = {
      departmentId: b.departmentId,
      dispatchedAt: now,
      acceptedAt: null,
      acceptDueAt,
      acceptOverdueAt: null,
      dispatchCount: t.dispatchCount + 1,
      redirectCount: t.redirectCount + 1,
    };
    const data: Record<string, unknown> = { from: t.departmentId, departmentId: b.departmentId, reason: b.reason, acceptDueAt: acceptDueAt.toISOString() };
    if (b.extendHours !== undefined && b.extendHours !== null) {
      const dueAt = await this.sla.extend(t.dueAt, b.extendHours, t.slaCalendarId);
      const warnAt = new Date(dueAt.getTime() - (t.dueAt.getTime() - t.warnAt.getTime()));
      Object.assign(changes, { dueAt, warnAt, deadlineVersion: t.deadlineVersion + 1 });
      if (now < warnAt) Object.assign(changes, { slaState: 'on_track', warnedAt: null });
      else if (now < dueAt) Object.assign(changes, { slaState: t.warnedAt ? 'warning' : 'on_track' });
      Object.assign(data, { extendHours: b.extendHours, previousDueAt: t.dueAt.toISOString(), dueAt: dueAt.toISOString() });
    }
    return { changes, data };
  }

  private async reclassify(t: TicketEntity, b: ActionBody, now: Date): Promise<Effect> {
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
      const { dueAt, warnAt, calendarId } = await this.sla.window(t.slaStartedAt, b.urgency);
      Object.assign(changes, { urgency: b.urgency, dueAt, warnAt, slaCalendarId: calendarId, deadlineVersion: t.deadlineVersion + 1 });
      // The state follows the new window. A point that is newly passed is left to its timer, re-armed at once,
      // so that the warning or breach is recorded with its audit line and alert; a recorded breach stands
      // while the new deadline is also past.
      if (t.repliedAt === null) {
        // breachedAt and breachCount stay: a recorded breach is history, whatever the deadline becomes
        if (now < warnAt) Object.assign(changes, { slaState: 'on_track', warnedAt: null });
        else if (now < dueAt) Object.assign(changes, { slaState: t.warnedAt ? 'warning' : 'on_track' });
      }
      Object.assign(data, { urgency: { from: t.urgency, to: b.urgency }, previousDueAt: t.dueAt.toISOString(), dueAt: dueAt.toISOString() });
    }
    return { changes, data };
  }
}
