import { IncidentMatcher } from '../../insight/incidents/incident-matcher.service';
import { isDuplicateKey } from '../../platform/database/errors';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ClassificationDto, DuplicateCandidateDto, TicketDto, TicketEventDto, TicketListPage } from '@hotline/contracts';
import { TOTAL_CAP, areaOf, cappedTotal, decodeCursorPosition, encodeCursor, normalizeAddress, normalizePhone, ticketNumberOf } from '@hotline/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../access/auth/auth-user';
import { DepartmentsService } from '../departments/departments.service';
import { DomainEvents } from '../../platform/events/domain-events';
import { AuditTrail, type AuditLine } from '../../platform/audit/audit-trail';
import { FastInsert } from '../../platform/database/fast-insert';
import { addTicketTerms } from '../search/ticket-terms';
import { ARCHIVE_TABLES, TicketSearchRepository, type Lookup } from '../search/ticket-search.repository';
import { ArchivedTickets } from '../archive/archived-tickets.repository';
import { ReadReplica } from '../../platform/database/read-replica';
import { SlaClock } from '../../sla/sla-clock.service';
import { SlaTimers } from '../../sla/sla-timers.service';
import { Clock } from './clock';
import type { CreateTicketDto } from './dto/create-ticket.dto';
import type { ListTicketsDto } from './dto/list-tickets.dto';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketNumberService } from './ticket-number.service';
import { Classifier } from '../../understanding/classification/classifier.service';
import { UnderstandingQueue } from '../../understanding/understanding-jobs/understanding-queue.service';
import { SupervisionOrders } from '../../supervision/supervision-orders.repository';
import { UserEntity } from '../../access/users/user.entity';
import { IdempotencyKeys } from './idempotency-keys.repository';
import { CallsRepository } from '../../channels/cti/calls.repository';
import { TicketEntity } from './ticket.entity';
import { TicketsRepository } from './tickets.repository';
import { hidesCaller, toEventPayload, toTicketDto, toTicketEventDto } from './ticket-view';
import { referencedTickets, trailForDepartment } from './trail-view';
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

/** Registration and reading of tickets. State changes live in TicketActionsService. */
@Injectable()
export class TicketsService {
  private readonly logger = new Logger(TicketsService.name);
  private readonly insertTicket: FastInsert<TicketEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly numbers: TicketNumberService,
    private readonly departments: DepartmentsService,
    private readonly bus: DomainEvents,
    private readonly audit: AuditTrail,
    private readonly sla: SlaClock,
    private readonly timers: SlaTimers,
    private readonly classifier: Classifier,
    private readonly understanding: UnderstandingQueue,
    private readonly replica: ReadReplica,
    private readonly search: TicketSearchRepository,
    private readonly incidentMatcher: IncidentMatcher,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly rows: TicketsRepository,
    private readonly orders: SupervisionOrders,
    private readonly calls: CallsRepository,
    private readonly archive: ArchivedTickets,
  ) {
    this.insertTicket = new FastInsert(db, TicketEntity);
  }

  /**
   * `origin`: a request from a civic app (Open311) — where it is (a point, an address register id), its photo, which key
   * sent it; it may come without a phone.
   */
  /**
   * `idempotencyKey`: a client's key for this call. The key is written in the ticket's own transaction, so a retry
   * (after a timeout, a lost connection, an instance killed mid-request) gets the ticket the first attempt made, and
   * two attempts racing each other make one ticket: the second waits on the key's row and then finds it.
   */
  async create(dto: CreateTicketDto, user: AuthUser, origin?: Open311Origin, idempotencyKey?: string): Promise<CreatedTicketDto> {
    if (dto.departmentId !== undefined) this.assertDepartment(dto.departmentId);
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
        await addTicketTerms(m, [{ ticketId: t.id, texts: { words: [t.no, t.content, t.address], callerName: t.callerName } }]);
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

  /**
   * Lists and searches, newest registered first. Every page is an index read (docs/api.md, "Lists and search"): a
   * whole ticket number goes to its unique index, a phone number to the caller's, words to the search terms; paging
   * by `cursor` reads `id < cursor` however deep; the total stops counting at 10,000 (`totalCapped`).
   */
  async list(query: ListTicketsDto, user: AuthUser): Promise<TicketListPage> {
    if (query.cursor !== undefined && query.page !== undefined) throw new BadRequestException('cursor and page cannot be combined: a cursor already says where the page starts');
    const at = query.cursor === undefined ? undefined : decodeCursorPosition(query.cursor);
    if (at === null) throw new BadRequestException('cursor must be the nextCursor of an earlier page');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const hidden = hidesCaller(user);
    const filters: Array<{ sql: string; params: unknown[] }> = [];
    const where = (sql: string, ...params: unknown[]) => filters.push({ sql, params });
    if (user.role === 'handler') where('t.department_id = ?', user.departmentId ?? -1);
    if (query.departmentId !== undefined) where('t.department_id = ?', query.departmentId);
    if (query.status) where('t.status = ?', query.status);
    if (query.urgency) where('t.urgency = ?', query.urgency);
    if (query.slaState) where('t.sla_state = ?', query.slaState);
    if (query.trackerId !== undefined) where('t.tracker_id = ?', query.trackerId);
    if (query.leaderId !== undefined) where('t.leader_id = ?', query.leaderId);
    if (query.no !== undefined) where('t.no = ?', ticketNumberOf(query.no) ?? query.no);
    if (query.requestId !== undefined) where('t.id = ?', query.requestId);
    if (query.phone !== undefined) {
      where('t.caller_phone = ?', normalizePhone(query.phone));
      // a department never links a confidential caller to a phone number
      if (hidden) where('t.confidential = 0');
    }
    const lookups: Lookup[] = [];
    if (query.q) {
      const no = ticketNumberOf(query.q);
      const phone = hidden ? null : normalizePhone(query.q);
      if (no) lookups.push({ kind: 'number', no });
      else {
        lookups.push({ kind: 'words', text: query.q });
        if (phone) lookups.push({ kind: 'phone', phone });
      }
      if (hidden) {
        // A department must not find a confidential ticket by what is hidden from it: the caller's name or phone, or
        // a number written into its words (masked on its screens). Such a ticket matches by words without digits,
        // by its number, or not at all.
        const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const asksForNumber = /(?:[0-9\uff10-\uff19]\D?){4}/.test(query.q);
        if (asksForNumber) where('(t.confidential = 0 OR t.no LIKE ?)', like);
        else where("(t.confidential = 0 OR (COALESCE(t.caller_name, '') NOT LIKE ? AND COALESCE(t.caller_phone, '') NOT LIKE ?))", like, like);
      }
    } else if (query.no !== undefined) lookups.push({ kind: 'number', no: ticketNumberOf(query.no) ?? query.no });
    else if (query.phone !== undefined) lookups.push({ kind: 'phone', phone: normalizePhone(query.phone)! });
    else if (query.requestId !== undefined) lookups.push({ kind: 'id', id: query.requestId });
    else lookups.push({ kind: 'all' });
    // searches and lookups continue into the archive after the live matches; plain lists are the live work lists, and
    // the archive holds closed tickets only
    const searchesArchive = lookups.every((l) => l.kind !== 'all') && (!query.status || query.status === 'closed');
    const offset = at === undefined ? (page - 1) * pageSize : 0;
    const base = { filters, lookups, includeCaller: !hidden };
    // a list may be a moment stale: it reads from a replica when there is one
    return this.replica.read(async (m) => {
      // in the archive's walk the live tickets are only counted (limit 0)
      const live = await this.search.page(m, { ...base, beforeId: at && !at.archive ? at.id : undefined, offset, limit: at?.archive ? 0 : pageSize });
      const liveIds = at?.archive ? [] : live.ids;
      let archiveIds: number[] = [];
      let archive = { counted: 0, lowerBound: false };
      // the live matches ended on this page (or before it): the rest of the page, and one more, from the archive
      const fromArchive = searchesArchive && liveIds.length <= pageSize;
      const countArchive = searchesArchive && live.counted <= TOTAL_CAP;
      if (fromArchive || countArchive) {
        const skipped = at === undefined && !liveIds.length ? Math.max(0, offset - live.counted) : 0;
        const found = await this.search.page(m, {
          ...base,
          tables: ARCHIVE_TABLES,
          beforeId: at?.archive ? at.id : undefined,
          offset: fromArchive ? skipped : 0,
          limit: fromArchive ? pageSize - liveIds.length : 0,
          count: countArchive,
        });
        archiveIds = fromArchive ? found.ids : [];
        archive = found;
      }
      const walk = [...liveIds.map((id) => ({ id, archived: false })), ...archiveIds.map((id) => ({ id, archived: true }))];
      const shown = walk.slice(0, pageSize);
      const liveShown = shown.filter((x) => !x.archived).map((x) => x.id);
      const [liveRows, archivedRows, open] = await Promise.all([
        liveShown.length ? m.getRepository(TicketEntity).findBy({ id: In(liveShown) }) : [],
        this.archive.findMany(
          m,
          shown.filter((x) => x.archived).map((x) => x.id),
        ),
        this.orders.openPerTicket(m, liveShown),
      ]);
      const byId = new Map<number, TicketEntity>([...liveRows, ...archivedRows].map((t) => [t.id, t]));
      const last = shown[shown.length - 1];
      return {
        items: shown
          .map((x) => byId.get(x.id))
          .filter((t): t is TicketEntity => t !== undefined)
          .map((t) => toTicketDto(t, user, open.get(t.id) ?? 0)),
        ...cappedTotal(live.counted + archive.counted, live.lowerBound || archive.lowerBound),
        page: at === undefined ? page : 0,
        pageSize,
        // the next page goes on from the last ticket shown, in the walk (live or archive) it came from
        nextCursor: walk.length > pageSize ? encodeCursor(last.id, last.archived) : null,
      };
    });
  }

  async get(id: number, user: AuthUser): Promise<TicketDto> {
    return toTicketDto((await this.findReadable(this.db.manager, id, user)).ticket, user);
  }

  async events(id: number, user: AuthUser): Promise<TicketEventDto[]> {
    const { ticket, archived } = await this.findReadable(this.db.manager, id, user);
    const rows = archived ? await this.archive.trail(id) : await this.db.getRepository(TicketEventEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } });
    const trail = await this.withActors(rows.map(toTicketEventDto));
    if (!hidesCaller(user)) return trail;
    const others = referencedTickets(trail).filter((other) => other !== id);
    const confidential = await this.rows.confidentialAmong(others);
    return trailForDepartment(trail, new Set(confidential), Boolean(ticket.confidential));
  }

  /** Names each line's actor (the person and their department), so the record reads as a case file. */
  private async withActors(trail: TicketEventDto[]): Promise<TicketEventDto[]> {
    const ids = [...new Set(trail.map((e) => e.actorId).filter((a): a is number => a != null))];
    if (!ids.length) return trail.map((e) => ({ ...e, actor: null }));
    const users = await this.db.getRepository(UserEntity).find({ select: { id: true, displayName: true, departmentId: true }, where: { id: In(ids) } });
    const byId = new Map(users.map((u) => [u.id, { name: u.displayName, departmentId: u.departmentId }]));
    return trail.map((e) => ({ ...e, actor: (e.actorId != null && byId.get(e.actorId)) || null }));
  }

  /**
   * The live ticket, to change it: 404 when it does not exist or belongs to another department than a handler's own,
   * 409 TICKET_ARCHIVED when it is in the archive (read-only).
   */
  async findVisible(m: EntityManager, id: number, user: AuthUser): Promise<TicketEntity> {
    const t = await m.findOne(TicketEntity, { where: { id } });
    if (t && this.visible(t, user)) return t;
    const archived = t ? null : await this.archive.find(m, id);
    if (archived && this.visible(archived, user)) throw new ApiError(409, 'TICKET_ARCHIVED', { id, no: archived.no, reason: `ticket ${archived.no} is archived` });
    throw this.notFound(id);
  }

  /** The ticket to read it, live or archived (`archived`), or 404 as findVisible. */
  async findReadable(m: EntityManager, id: number, user: AuthUser): Promise<{ ticket: TicketEntity; archived: boolean }> {
    const live = await m.findOne(TicketEntity, { where: { id } });
    const ticket = live ?? (await this.archive.find(m, id));
    if (!ticket || !this.visible(ticket, user)) throw this.notFound(id);
    return { ticket, archived: !live };
  }

  private visible(t: TicketEntity, user: AuthUser): boolean {
    return user.role !== 'handler' || t.departmentId === user.departmentId;
  }

  private notFound(id: number): ApiError {
    return new ApiError(404, 'TICKET_NOT_FOUND', { resource: 'ticket', id, reason: `ticket ${id} not found` });
  }

  assertDepartment(id: number): void {
    if (!this.departments.exists(id)) throw new ApiError(400, 'REFERENCE_NOT_FOUND', { field: 'departmentId', value: id, reason: `departmentId ${id} is not a department` });
  }
}
