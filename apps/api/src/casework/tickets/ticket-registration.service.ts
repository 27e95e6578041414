import { IncidentMatcher } from '../../insight/incidents/incident-matcher.service';
import { isDuplicateKey } from '../../platform/database/errors';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ClassificationDto, DuplicateCandidateDto, TicketDto } from '@hotline/contracts';
import { areaOf, normalizeAddress, normalizePhone } from '@hotline/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../access/auth/auth-user';
import { DomainEvents } from '../../platform/events/domain-events';
import { AuditTrail, type AuditLine } from '../../platform/audit/audit-trail';
import { FastInsert } from '../../platform/database/fast-insert';
import { indexTicketTexts } from '../search/search-feed';
import { EnvDto } from '../../platform/config/env.dto';
import { SlaClock } from '../../sla/sla-clock.service';
import { SlaTimers } from '../../sla/sla-timers.service';
import { Clock } from './clock';
import type { CreateTicketDto } from './dto/create-ticket.dto';
import { TicketNumberService } from './ticket-number.service';
import { Classifier } from '../../understanding/classification/classifier.service';
import { UnderstandingQueue } from '../../understanding/understanding-jobs/understanding-queue.service';
import { IdempotencyKeys } from './idempotency-keys.repository';
import { CallsRepository } from '../../channels/cti/calls.repository';
import { TicketEntity } from './ticket.entity';
import { TicketsService } from './tickets.service';
import { toEventPayload, toTicketDto } from './ticket-view';
import { ApiError } from '../../platform/http/api-error';

/** What registration answers: the ticket, with what the service understood of the call. */
export type CreatedTicketDto = TicketDto & {
  /** The suggestions when urgency or department was left to the service (null when both were given). */
  classification: ClassificationDto | null;
  /** Always empty now: the repeat-call candidates come live, in `ticket.understood` to the registering agent. */
  possibleDuplicates: DuplicateCandidateDto[];
  /** Always null now: the hotspot the ticket raised or joined comes live, in `ticket.understood`. */
  hotspotId: number | null;
  /** True when an Idempotency-Key repeated an earlier registration: this is that ticket, nothing new was made. */
  replayed?: boolean;
};

/** How long an Idempotency-Key is remembered (a retry after a timeout comes within seconds or minutes). */
export const IDEMPOTENCY_HOURS = 24;

/** What a request from a civic app (Open311) brings besides the call's fields. */
export interface Open311Origin {
  lat: number | null;
  lng: number | null;
  keyId: number;
  mediaUrl?: string | null;
  addressId?: string | null;
}

/** The same request body gives the same hash, whatever the order of its fields. */
function requestHash(dto: object): string {
  const canonical = JSON.stringify(
    Object.keys(dto)
      .sort()
      .map((k) => [k, (dto as Record<string, unknown>)[k]]),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Registration of tickets: the call's fields checked, classified when urgency or department is left to the service,
 * numbered, written with its audit line and search terms in one transaction, its timers armed and its understanding
 * queued after the commit; a client's Idempotency-Key makes a retry find the first attempt's ticket. Reading is
 * TicketsService's, state changes TicketActionsService's.
 */
@Injectable()
export class TicketRegistration {
  private readonly logger = new Logger(TicketRegistration.name);
  private readonly insertTicket: FastInsert<TicketEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly numbers: TicketNumberService,
    private readonly bus: DomainEvents,
    private readonly audit: AuditTrail,
    private readonly sla: SlaClock,
    private readonly timers: SlaTimers,
    private readonly classifier: Classifier,
    private readonly understanding: UnderstandingQueue,
    private readonly incidentMatcher: IncidentMatcher,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly calls: CallsRepository,
    private readonly tickets: TicketsService,
    private readonly env: EnvDto,
  ) {
    this.insertTicket = new FastInsert(db, TicketEntity);
  }

  /**
   * `origin`: a request from a civic app (Open311) — where it is (a point, an address register id), its photo, which key
   * sent it; it may come without a phone.
   *
   * `idempotencyKey`: a client's key for this call. The key is written in the ticket's own transaction, so a retry
   * (after a timeout, a lost connection, an instance killed mid-request) gets the ticket the first attempt made, and
   * two attempts racing each other make one ticket: the second waits on the key's row and then finds it.
   */
  async create(dto: CreateTicketDto, user: AuthUser, origin?: Open311Origin, idempotencyKey?: string): Promise<CreatedTicketDto> {
    if (dto.departmentId !== undefined) this.tickets.assertDepartment(dto.departmentId);
    const hash = idempotencyKey ? requestHash(dto) : '';
    if (idempotencyKey) {
      const earlier = await this.replay(user, idempotencyKey, hash);
      if (earlier) return earlier;
    }
    const classification = dto.urgency === undefined || dto.departmentId === undefined ? await this.suggest(dto) : null;
    const now = this.clock.now();
    const no = await this.numbers.nextNumber(now);
    const urgency = dto.urgency ?? classification?.urgency.value ?? 'normal';
    const category = dto.category ?? 'consultation';
    // A report's caller is always confidential (举报人保密), whatever the form said.
    const confidential = category === 'report' || dto.confidential === true;
    const dispatched = dto.departmentId !== undefined;
    const ownWindow = await this.sla.window(now, urgency);
    // an open incident (专项) the words match tags the ticket, and its deadline, when it has one, is the latest
    const incident = await this.incidentMatcher.forNewTicket(dto.content, now, ownWindow);
    const window = { ...ownWindow, dueAt: incident.dueAt, warnAt: incident.warnAt, calendarId: incident.overridden ? null : ownWindow.calendarId };
    // 专人点对点跟踪: a 特急 ticket is tracked from registration by the agent who registered it
    const tracked = urgency === 'extra_urgent' && !origin;
    const t = Object.assign(new TicketEntity(), {
      no,
      status: dispatched ? 'dispatched' : 'registered',
      urgency,
      category,
      content: dto.content,
      callerName: dto.callerName?.trim() || null,
      callerPhone: (normalizePhone(dto.callerPhone) ?? (origin ? '' : null)) as string,
      address: dto.address?.trim() || null,
      confidential,
      departmentId: dto.departmentId ?? null,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
      slaStartedAt: now,
      dueAt: window.dueAt,
      warnAt: window.warnAt,
      warnedAt: null,
      deadlineVersion: 1,
      slaCalendarId: window.calendarId,
      slaState: 'on_track',
      breachedAt: null,
      dispatchedAt: dispatched ? now : null,
      acceptDueAt: dispatched ? await this.sla.acceptDue(now, urgency) : null,
      acceptOverdueAt: null,
      dispatchCount: dispatched ? 1 : 0,
      acceptedAt: null,
      repliedAt: null,
      closedAt: null,
      reply: null,
      satisfaction: null,
      reopenCount: 0,
      urgeCount: 0,
      duplicateOfId: null,
      addressKey: normalizeAddress(dto.address),
      areaKey: areaOf(dto.address),
      incidentId: incident.incidentId,
      callId: dto.callId ?? null,
      source: origin ? 'open311' : 'phone',
      lat: origin?.lat ?? null,
      lng: origin?.lng ?? null,
      open311KeyId: origin?.keyId ?? null,
      mediaUrl: origin?.mediaUrl ?? null,
      addressId: origin?.addressId ?? null,
      trackerId: tracked ? user.id : null,
      leaderId: null,
      breachCount: 0,
      warningCount: 0,
      redirectCount: 0,
      followUpDueAt: tracked ? await this.sla.followUpDue(now, urgency) : null,
      followUpVersion: tracked ? 1 : 0,
      followUpMissedAt: null,
      backlogSince: null,
      version: 1,
    } satisfies Omit<TicketEntity, 'id'>);

    try {
      await this.db.transaction(async (m) => {
        if (idempotencyKey) await this.idempotencyKeys.insert(m, user.id, idempotencyKey, hash, now);
        t.id = await this.insertTicket.run(m, [t]);
        await indexTicketTexts(m, this.env, [{ ticketId: t.id, texts: { words: [t.no, t.content, t.address], callerName: t.callerName } }]);
        if (idempotencyKey) await this.idempotencyKeys.attach(m, user.id, idempotencyKey, t.id);
        // registered during a call: the call record points at its ticket (the first one, if several)
        if (t.callId) await this.calls.linkTicket(m, t.callId, t.id);
        const base = { ticketId: t.id, actorId: user.id, actorRole: user.role, at: now };
        const lines: AuditLine[] = [
          {
            ...base,
            action: 'create',
            fromStatus: null,
            toStatus: 'registered',
            data: {
              urgency,
              urgencySource: dto.urgency ? 'chosen' : classification ? 'classified' : 'defaulted',
              ...(classification && !dto.urgency ? { urgencyReasons: classification.urgency.reasons } : {}),
              ...(classification && dto.departmentId === undefined
                ? { suggestedDepartments: classification.departments.map((d) => ({ departmentId: d.departmentId, score: d.score })) }
                : {}),
              category,
              confidential,
              ...(confidential && !dto.confidential ? { confidentialBecause: 'report' } : {}),
              dueAt: t.dueAt.toISOString(),
              ...(incident.incidentId !== null ? { incidentId: incident.incidentId, incidentDeadline: incident.overridden } : {}),
            },
          },
        ];
        if (tracked) {
          lines.push({
            ...base,
            action: 'track',
            fromStatus: 'registered',
            toStatus: 'registered',
            data: { trackerId: user.id, automatic: true, followUpDueAt: t.followUpDueAt!.toISOString() },
          });
        }
        if (dispatched) {
          lines.push({
            ...base,
            action: 'dispatch',
            fromStatus: 'registered',
            toStatus: 'dispatched',
            data: { departmentId: t.departmentId, acceptDueAt: t.acceptDueAt?.toISOString() },
          });
        }
        await this.audit.append(m, lines);
      });
    } catch (e) {
      // another attempt with the same key committed first (this one waited on its row): answer with its ticket
      if (idempotencyKey && isDuplicateKey(e)) {
        const earlier = await this.replay(user, idempotencyKey, hash);
        if (earlier) return earlier;
      }
      throw e;
    }
    // repeat calls and hotspots are looked for after the commit, off the request (understanding-jobs): a crisis of
    // many similar calls from one area must not queue registrations on the area's lock
    await Promise.all([this.timers.arm(t, now.getTime()), this.bus.publish('ticket.created', toEventPayload(t, now)), this.understanding.enqueue([t.id])]);
    return { ...toTicketDto(t, user), classification, possibleDuplicates: [], hotspotId: null };
  }

  /** The ticket an earlier request with this key registered, or null when the key is new. */
  private async replay(user: AuthUser, key: string, hash: string): Promise<CreatedTicketDto | null> {
    const row = await this.idempotencyKeys.find(user.id, key);
    if (!row) return null;
    if (row.request_hash !== hash) {
      throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', { reason: `Idempotency-Key ${key} was used for a different request; use a new key for a new call` });
    }
    if (row.ticket_id === null) return null; // cannot happen after commit; treated as new
    const t = await this.db.manager.findOneOrFail(TicketEntity, { where: { id: row.ticket_id } });
    return { ...toTicketDto(t, user), classification: null, possibleDuplicates: [], hotspotId: null, replayed: true };
  }

  /** Forgets keys older than IDEMPOTENCY_HOURS (the worker calls it); returns how many. */
  async forgetIdempotencyKeys(now = new Date()): Promise<number> {
    return this.idempotencyKeys.forgetBefore(new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000));
  }

  /** Suggestions never stop a registration: without them the ticket is 普通 and waits for the agent to dispatch. */
  private async suggest(dto: CreateTicketDto): Promise<ClassificationDto | null> {
    try {
      return await this.classifier.classify({ content: dto.content, category: dto.category, address: dto.address });
    } catch (e) {
      this.logger.error(`classification failed, registering without suggestions: ${(e as Error).message}`);
      return null;
    }
  }
}
