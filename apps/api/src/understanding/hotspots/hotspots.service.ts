import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { HotspotDto, HotspotStatus } from '@hotline/contracts';
import { KeyedSerial, cosineSimilarity, topKeywords } from '@hotline/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../access/auth/auth-user';
import { EnvDto } from '../../platform/config/env.dto';
import { withNamedLock } from '../../platform/database/named-lock';
import { LiveEvents } from '../../live/realtime/live-events.service';
import { segmenter } from '../text/segmenter';
import type { TicketEntity } from '../../casework/tickets/ticket.entity';
import { ticketSummary } from '../../casework/tickets/ticket-view';
import { TicketTerms } from '../understanding-jobs/ticket-terms.repository';
import { HotspotsRepository, type HotspotRow } from './hotspots.repository';

/** How alike a ticket must be to the others (cosine of words) to be about the same problem. */
export const HOTSPOT_SIMILARITY = 0.3;
/** An open hotspot keeps taking new tickets while its last one is at most this old; after that a new one is raised. */
const ATTACH_HOURS = 24;
/** A hotspot that keeps growing is announced at most this often (the last change always is). */
export const HOTSPOT_UPDATE_EVERY_MS = 1000;

type Considered = Pick<TicketEntity, 'id' | 'areaKey' | 'content' | 'createdAt'> & { words?: string[] };

/**
 * 热点: HOTSPOT_THRESHOLD tickets about the same problem (similar words) in the same area (estate, village or road
 * of the address) within HOTSPOT_WINDOW_MINUTES raise one hotspot and one `hotspot.detected` to the centre; later
 * tickets about it join that hotspot (`hotspot.updated`) instead of raising another. Detection for an area runs
 * under a MySQL named lock, so two instances registering at the same moment cannot raise it twice.
 */
@Injectable()
export class Hotspots {
  private readonly logger = new Logger(Hotspots.name);
  /** One detection per area at a time in this process, so that a burst from one area waits here, not on MySQL connections. */
  private readonly areas = new KeyedSerial();
  /** Per hotspot: when it was last announced, and whether an announcement is scheduled. */
  private readonly announced = new Map<number, { at: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly db: DataSource,
    private readonly hotspots: HotspotsRepository,
    private readonly env: EnvDto,
    private readonly live: LiveEvents,
  ) {}

  /** Looks at a newly registered ticket; never fails the registration (a problem is logged). Returns its hotspot id. */
  async consider(t: Considered): Promise<number | null> {
    if (!t.areaKey) return null;
    const lockName = `hotline_hotspot_${createHash('sha1').update(t.areaKey).digest('hex').slice(0, 16)}`;
    try {
      // Without the lock first: too few tickets in the window and no open hotspot there is the common case. Safe,
      // because this ticket is committed: of several arriving together, the last to look sees them all.
      const since = new Date(t.createdAt.getTime() - this.env.HOTSPOT_WINDOW_MINUTES * 60_000);
      const [n, open] = await Promise.all([
        this.hotspots.countInWindow(t.areaKey, since, this.env.HOTSPOT_THRESHOLD),
        this.hotspots.hasOpen(t.areaKey, new Date(t.createdAt.getTime() - ATTACH_HOURS * 3_600_000)),
      ]);
      if (n < this.env.HOTSPOT_THRESHOLD && !open) return null;
      const found = await this.areas.run(t.areaKey, () => withNamedLock(this.db, lockName, 10, (m) => this.detect(m, t)));
      // told after the lock is released: publishing reads the hotspot through the pool
      if (found?.event === 'hotspot.detected') await this.publish(found.event, found.id);
      else if (found) this.announceUpdate(found.id);
      return found?.id ?? null;
    } catch (e) {
      this.logger.error(`hotspot detection failed for ticket ${t.id}: ${(e as Error).message}`);
      return null;
    }
  }

  /** Under the area's lock, on the lock's own connection `m`. */
  private async detect(m: EntityManager, t: Considered): Promise<{ id: number; event: 'hotspot.detected' | 'hotspot.updated' } | null> {
    const seg = segmenter();
    const words = t.words ?? seg.terms(t.content);
    const now = t.createdAt;
    const area = t.areaKey!;
    // an open hotspot of this area about the same problem takes the ticket
    const open = await this.hotspots.openInArea(m, area, new Date(now.getTime() - ATTACH_HOURS * 3_600_000));
    for (const h of open) {
      const members = await this.hotspots.memberTexts(m, h.id);
      if (!members.some((m) => cosineSimilarity(words, TicketTerms.of(m)) >= HOTSPOT_SIMILARITY)) continue;
      await this.hotspots.join(m, h.id, t.id, now);
      return { id: h.id, event: 'hotspot.updated' };
    }
    // otherwise: enough similar tickets of the window (not in a hotspot yet) raise a new one
    const since = new Date(now.getTime() - this.env.HOTSPOT_WINDOW_MINUTES * 60_000);
    const recent = await this.hotspots.unclaimed(m, area, since, now);
    const termsOf = new Map<string, string[]>([[t.content, words]]);
    const similar = recent.filter((r) => {
      if (Number(r.id) === t.id) return true;
      const theirs = TicketTerms.of(r);
      termsOf.set(r.content, theirs);
      return cosineSimilarity(words, theirs) >= HOTSPOT_SIMILARITY;
    });
    if (!similar.some((r) => Number(r.id) === t.id)) similar.push({ id: t.id, content: t.content, created_at: now, terms: null });
    if (similar.length < this.env.HOTSPOT_THRESHOLD) return null;
    const keywords = topKeywords(
      similar.map((r) => r.content),
      5,
      (text) => termsOf.get(text) ?? seg.terms(text),
    ).map((k) => k.word);
    const first = new Date(Math.min(...similar.map((r) => new Date(r.created_at).getTime())));
    const id = await this.hotspots.insert(m, { area, keywords, firstAt: first, at: now, detectedAt: new Date(), ticketIds: similar.map((r) => Number(r.id)) });
    this.logger.log(`hotspot ${id} detected in ${area}: ${similar.length} tickets (${keywords.join(', ')})`);
    return { id, event: 'hotspot.detected' };
  }

  private async publish(name: 'hotspot.detected' | 'hotspot.updated', id: number): Promise<void> {
    const hotspot = await this.get(id);
    this.announced.set(id, { at: Date.now(), timer: this.announced.get(id)?.timer ?? null });
    await this.live.publishToStaff(name, { hotspot, at: new Date().toISOString() });
  }

  /**
   * A ticket joined a hotspot: `hotspot.updated` at once, unless the hotspot was announced within the last second;
   * then one announcement, of its state then, when the second is up. In a crisis every call joins the same hotspot,
   * and each announcement reads and sends its whole ticket list to every console.
   */
  private announceUpdate(id: number): void {
    const last = this.announced.get(id);
    if (last?.timer) return;
    const wait = last ? last.at + HOTSPOT_UPDATE_EVERY_MS - Date.now() : 0;
    const send = () => {
      const entry = this.announced.get(id);
      if (entry) entry.timer = null;
      this.publish('hotspot.updated', id).catch((e: Error) => this.logger.warn(`hotspot ${id} not announced: ${e.message}`));
    };
    if (wait <= 0) return send();
    this.announced.set(id, { at: last!.at, timer: setTimeout(send, wait).unref() });
    // forget hotspots quiet for a while
    if (this.announced.size > 1000) for (const [k, v] of this.announced) if (!v.timer && Date.now() - v.at > 60_000) this.announced.delete(k);
  }

  /** What a ticket's agent is told of the hotspot it joined. */
  async summary(id: number): Promise<{ id: number; area: string; ticketCount: number; keywords: string[] } | null> {
    const row = await this.hotspots.summary(id);
    return row ? { id: Number(row.id), area: row.area, ticketCount: Number(row.ticket_count), keywords: JSON.parse(row.keywords) as string[] } : null;
  }

  async list(status: HotspotStatus | undefined, limit = 50): Promise<HotspotDto[]> {
    const rows = await this.hotspots.list(status, limit);
    return Promise.all(rows.map((r) => this.withTickets(r)));
  }

  async get(id: number): Promise<HotspotDto> {
    const row = await this.hotspots.get(id);
    if (!row) throw new NotFoundException(`hotspot ${id} not found`);
    return this.withTickets(row);
  }

  /** A supervisor closes a hotspot once the cause is being handled; later tickets may raise a new one. */
  async close(id: number, version: number | undefined, user: AuthUser): Promise<HotspotDto> {
    const h = await this.get(id);
    if (h.status === 'closed') throw new ConflictException(`hotspot ${id} is already closed`);
    if (version !== undefined && version !== h.version) throw new ConflictException(`version ${version} is stale: hotspot ${id} is at version ${h.version}`);
    if (!(await this.hotspots.close(id, h.version, user.id, new Date()))) throw new ConflictException(`hotspot ${id} changed while you closed it`);
    await this.publish('hotspot.updated', id);
    return this.get(id);
  }

  private async withTickets(r: HotspotRow): Promise<HotspotDto> {
    const tickets = await this.hotspots.members(r.id);
    return {
      id: Number(r.id),
      area: r.area,
      keywords: JSON.parse(r.keywords) as string[],
      status: r.status,
      ticketCount: Number(r.ticket_count),
      firstAt: new Date(r.first_at).toISOString(),
      lastAt: new Date(r.last_at).toISOString(),
      detectedAt: new Date(r.detected_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      version: Number(r.version),
      tickets: tickets.map(ticketSummary),
    };
  }
}
