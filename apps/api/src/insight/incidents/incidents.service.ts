import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { IncidentDetailDto, IncidentDto, IncidentStatus, IncidentSummaryDto, TemporaryAgentsDto, TicketDto } from '@hotline/contracts';
import { randomBytes, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../../platform/audit/audit-trail';
import type { AuthUser } from '../../access/auth/auth-user';
import { AuthEvents } from '../../access/auth/auth-events.service';
import { hashPassword } from '../../access/auth/password';
import { Sessions } from '../../access/auth/sessions.service';
import { DomainEvents } from '../../platform/events/domain-events';
import { TicketEntity } from '../../casework/tickets/ticket.entity';
import { toEventPayload, toTicketDto } from '../../casework/tickets/ticket-view';
import { IncidentMatcher } from './incident-matcher.service';
import { IncidentsRepository } from './incidents.repository';
import type { CreateIncidentDto } from './incidents.dto';

const ALNUM = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const randomText = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');

/**
 * 专项: a supervisor opens an incident; new tickets whose words match it are tagged (intake, IncidentMatcher) and get
 * its deadline when it has one; agents tag and untag tickets by hand; temporary agent accounts are made for it and
 * expire with it; closing it keeps its summary (the board at that moment) and ends the temporary accounts.
 */
@Injectable()
export class IncidentsService {
  private readonly logger = new Logger(IncidentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly repo: IncidentsRepository,
    private readonly matcher: IncidentMatcher,
    private readonly audit: AuditTrail,
    private readonly bus: DomainEvents,
    private readonly sessions: Sessions,
    private readonly authEvents: AuthEvents,
  ) {}

  async create(dto: CreateIncidentDto, user: AuthUser, now = new Date()): Promise<IncidentDto> {
    const keywords = [...new Set(dto.keywords.map((k) => k.trim()))];
    if (keywords.some((k) => k === '')) throw new BadRequestException('keywords must not be blank');
    const startedAt = dto.startedAt ? new Date(dto.startedAt) : now;
    if (startedAt.getTime() > now.getTime() + 60_000) throw new BadRequestException('startedAt must not be in the future');
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt <= now) throw new BadRequestException('expiresAt must be in the future');
    const id = await this.repo.insert({
      name: dto.name.trim(),
      keywords,
      slaHours: dto.slaHours ?? null,
      banner: dto.banner?.trim() || null,
      startedAt,
      expiresAt,
      createdBy: user.id,
    });
    this.matcher.forget();
    this.logger.log(`incident ${id} opened: ${dto.name} (${keywords.join(', ')})`);
    return this.incident(id);
  }

  list(status?: IncidentStatus): Promise<IncidentDto[]> {
    return this.repo.list(status);
  }

  private async incident(id: number): Promise<IncidentDto> {
    const found = await this.repo.get(id);
    if (!found) throw new NotFoundException(`incident ${id} not found`);
    const { summary: _s, ...incident } = found;
    return incident;
  }

  /** With its board: live while open, as it was at the close once closed. */
  async detail(id: number, now = new Date()): Promise<IncidentDetailDto> {
    const found = await this.repo.get(id);
    if (!found) throw new NotFoundException(`incident ${id} not found`);
    const { summary, ...incident } = found;
    return { ...incident, board: summary?.board ?? (await this.repo.board(id, new Date(incident.startedAt), now)) };
  }

  /** The summary report: the kept one of a closed incident, the figures so far of an open one. */
  async summary(id: number, now = new Date()): Promise<IncidentSummaryDto> {
    const found = await this.repo.get(id);
    if (!found) throw new NotFoundException(`incident ${id} not found`);
    const { summary, ...incident } = found;
    return summary ?? { incident, board: await this.repo.board(id, new Date(incident.startedAt), now), deactivatedAgents: 0 };
  }

  async createAgents(id: number, count: number, admin: AuthUser, now = new Date()): Promise<TemporaryAgentsDto> {
    const incident = await this.incident(id);
    if (incident.status !== 'open') throw new ConflictException(`incident ${id} is closed`);
    const accounts: TemporaryAgentsDto['accounts'] = [];
    for (let i = 0; i < count; i++) {
      const username = `zx${id}-${randomText(6).toLowerCase()}`;
      // letters and digits both, as the password policy asks
      const password = `${randomText(14)}${ALNUM[randomInt(24)]}${randomInt(10)}`;
      await this.repo.insertTemporaryAgent({
        username,
        displayName: `专项临时话务员${randomBytes(2).toString('hex')}`,
        passwordHash: await hashPassword(password),
        incidentId: id,
        expiresAt: incident.expiresAt ? new Date(incident.expiresAt) : null,
        at: now,
      });
      accounts.push({ username, password });
    }
    await this.authEvents.record('user_changed', { username: admin.username, userId: admin.id, detail: `created ${count} temporary agents for incident ${id}` });
    return { accounts, expiresAt: incident.expiresAt };
  }

  async close(id: number, user: AuthUser, version: number | undefined, now = new Date()): Promise<IncidentSummaryDto> {
    const before = await this.incident(id);
    if (before.status !== 'open') throw new ConflictException(`incident ${id} is closed already`);
    if (version !== undefined && version !== before.version) throw new ConflictException(`incident ${id} is at version ${before.version}, not ${version}`);
    const board = await this.repo.board(id, new Date(before.startedAt), now);
    const deactivated = await this.db.transaction(async (m) => {
      const ended = await this.repo.deactivateAgents(m, id, now);
      const closed: IncidentDto = { ...before, status: 'closed', closedAt: now.toISOString(), version: before.version + 1 };
      const summary: IncidentSummaryDto = {
        incident: closed,
        board: { ...board, temporaryAgents: { total: board.temporaryAgents.total, active: 0 } },
        deactivatedAgents: ended.length,
      };
      if (!(await this.repo.close(m, id, before.version, user.id, now, summary))) throw new ConflictException(`incident ${id} was changed at the same moment by someone else`);
      return ended;
    });
    this.matcher.forget();
    // told after the commit: their tokens and sockets end on every instance
    for (const userId of deactivated) await this.sessions.endAllOf(userId);
    if (deactivated.length)
      await this.authEvents.record('user_changed', { username: user.username, userId: user.id, detail: `deactivated ${deactivated.length} temporary agents of incident ${id}` });
    return this.summary(id, now);
  }

  /** Temporary accounts past their expiry are deactivated and signed out (the worker calls it). */
  async expireAgents(now = new Date()): Promise<number> {
    let n = 0;
    for (const id of await this.repo.expiredAgents(now)) {
      if (!(await this.repo.deactivateUser(id, now))) continue;
      await this.sessions.endAllOf(id);
      n++;
    }
    if (n) await this.authEvents.record('user_changed', { username: 'system', userId: null, detail: `${n} temporary agents expired` });
    return n;
  }

  /** Tags a ticket with an open incident, or untags it (null): one audit line, ticket.updated after the commit. */
  async tag(ticketId: number, incidentId: number | null, version: number | undefined, user: AuthUser, now = new Date()): Promise<TicketDto> {
    if (incidentId !== null) {
      const incident = await this.repo.get(incidentId);
      if (!incident) throw new BadRequestException(`incidentId ${incidentId} is not an incident`);
      if (incident.status !== 'open') throw new ConflictException(`incident ${incidentId} is closed`);
    }
    const t = await this.db.manager.findOne(TicketEntity, { where: { id: ticketId } });
    if (!t) throw new NotFoundException(`ticket ${ticketId} not found`);
    if (version !== undefined && version !== t.version) throw new ConflictException(`ticket ${ticketId} is at version ${t.version}, not ${version}`);
    if (t.incidentId === incidentId) return toTicketDto(t, user);
    await this.db.transaction(async (m) => {
      if (!(await this.repo.tagTicket(m, ticketId, incidentId, t.version, now))) throw new ConflictException(`ticket ${ticketId} was changed at the same moment; reload it`);
      await this.audit.append(m, [
        {
          ticketId,
          action: 'incident_tag',
          fromStatus: t.status,
          toStatus: t.status,
          actorId: user.id,
          actorRole: user.role,
          at: now,
          data: { incidentId, previousIncidentId: t.incidentId },
        },
      ]);
    });
    const after = Object.assign(t, { incidentId, updatedAt: now, version: t.version + 1 });
    await this.bus.publish('ticket.updated', { ...toEventPayload(after, now), action: 'incident_tag' });
    return toTicketDto(after, user);
  }
}
