import { BadRequestException, Injectable } from '@nestjs/common';
import type { TicketDto, TicketEventDto, TicketListPage } from '@hotline/contracts';
import { TOTAL_CAP, cappedTotal, decodeCursorPosition, encodeCursor, normalizePhone, ticketNumberOf } from '@hotline/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../access/auth/auth-user';
import { DepartmentsService } from '../departments/departments.service';
import { ARCHIVE_TABLES, TicketSearchRepository, type Lookup } from '../search/ticket-search.repository';
import { ArchivedTickets } from '../archive/archived-tickets.repository';
import { ReadReplica } from '../../platform/database/read-replica';
import type { ListTicketsDto } from './dto/list-tickets.dto';
import { TicketEventEntity } from './ticket-event.entity';
import { SupervisionOrders } from '../../supervision/supervision-orders.repository';
import { UserEntity } from '../../access/users/user.entity';
import { TicketEntity } from './ticket.entity';
import { TicketsRepository } from './tickets.repository';
import { hidesCaller, toTicketDto, toTicketEventDto } from './ticket-view';
import { referencedTickets, trailForDepartment } from './trail-view';
import { ApiError } from '../../platform/http/api-error';

/** Reading of tickets: lists and searches, one ticket, its trail, each within what the user may see (the archive's too). */
@Injectable()
export class TicketsService {
  constructor(
    private readonly db: DataSource,
    private readonly departments: DepartmentsService,
    private readonly replica: ReadReplica,
    private readonly search: TicketSearchRepository,
    private readonly rows: TicketsRepository,
    private readonly orders: SupervisionOrders,
    private readonly archive: ArchivedTickets,
  ) {}

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
