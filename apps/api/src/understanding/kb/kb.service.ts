import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { KbArticleDto, KbSearchResultDto, Page } from '@hotline/contracts';
import { shanghaiDate } from '@hotline/domain';
import type Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../access/auth/auth-user';
import { Classifier } from '../classification/classifier.service';
import { EnvDto } from '../../platform/config/env.dto';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { REDIS } from '../../platform/redis/redis.module';
import { SharedVersion } from '../../platform/redis/shared-version';
import { segmenter } from '../text/segmenter';
import { KbArticlesRepository, type KbArticleRow } from './kb-articles.repository';
import { KbIndex } from './kb-index';
import type { CreateArticleDto, SearchArticlesQuery, UpdateArticleDto } from './kb.dto';

const CHECK_MS = 1000;

const day = (v: string | Date | null): string | null => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

function toDto(r: KbArticleRow): KbArticleDto {
  return {
    id: Number(r.id),
    title: r.title,
    body: r.body,
    tags: JSON.parse(r.tags) as string[],
    departmentId: r.department_id === null ? null : Number(r.department_id),
    validFrom: day(r.valid_from),
    validTo: day(r.valid_to),
    useCount: Number(r.use_count),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: Number(r.version),
  };
}

type KbHit = KbSearchResultDto['items'][number];
/** The least score an article needs to be shown for a call, and the body words it needs without a title or tag hit. */
const MIN_CALL_SCORE = 8;
const MIN_BODY_TERMS = 4;

/**
 * 知识库: articles in MySQL, searched through an in-memory index in each instance. Every change bumps a version in
 * Redis; an instance seeing a new version reads the rows changed since its last load (deletions are soft), so all
 * instances agree within a second.
 */
@Injectable()
export class KnowledgeBase {
  private readonly logger = new Logger(KnowledgeBase.name);
  private index: KbIndex | null = null;
  private loadedUpTo = new Date(0);
  private version: string | null = null;
  private checkedAt = 0;
  private syncing: Promise<KbIndex> | null = null;
  private readonly shared: SharedVersion;

  constructor(
    private readonly articles: KbArticlesRepository,
    @Inject(REDIS) redis: Redis,
    private readonly departments: DepartmentsService,
    private readonly classifier: Classifier,
    env: EnvDto,
  ) {
    this.shared = new SharedVersion(redis, `${env.QUEUE_PREFIX}:kb:version`);
  }

  private async current(): Promise<KbIndex> {
    if (this.index && Date.now() - this.checkedAt < CHECK_MS) return this.index;
    this.syncing ??= this.sync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async sync(): Promise<KbIndex> {
    this.checkedAt = Date.now();
    const version = await this.shared.read();
    if (this.index && version === this.version) return this.index;
    const index = this.index ?? new KbIndex(segmenter());
    // rows changed since the last load (with a second's overlap for rows committed at the same millisecond)
    const since = new Date(this.loadedUpTo.getTime() - 1000);
    const started = Date.now();
    const rows = await this.articles.changedSince(since);
    for (const r of rows) {
      if (r.active) index.put(toDto(r));
      else index.remove(Number(r.id));
      if (new Date(r.updated_at) > this.loadedUpTo) this.loadedUpTo = new Date(r.updated_at);
    }
    if (!this.index && rows.length > 0) this.logger.log(`knowledge base indexed: ${index.size} articles in ${Date.now() - started} ms`);
    this.index = index;
    this.version = version;
    return index;
  }

  private async changed(): Promise<void> {
    this.checkedAt = 0;
    await this.shared.bump();
  }

  async search(q: SearchArticlesQuery, now = new Date()): Promise<KbSearchResultDto> {
    const started = process.hrtime.bigint();
    const index = await this.current();
    const today = shanghaiDate(now);
    const valid = (a: KbArticleDto) => q.includeExpired === true || ((a.validFrom === null || a.validFrom <= today) && (a.validTo === null || a.validTo >= today));
    let hits = index.search(q.q, (a) => valid(a) && (q.departmentId === undefined || a.departmentId === q.departmentId), now);
    if (q.context === 'call') hits = await this.relevantToCall(q.q, hits);
    return { items: hits.slice(0, q.limit ?? 10), total: hits.length, tookMs: Number(process.hrtime.bigint() - started) / 1e6 };
  }

  /**
   * For a caller's words (the intake panel), only articles that are about the call: a title or tag hit that carries
   * weight, or several of the call's words in the body; then the call's suggested departments and catalogue matters
   * lift their articles and push others' down, so that a gas-leak call never shows school-enrolment articles.
   */
  private async relevantToCall(text: string, hits: KbHit[]): Promise<KbHit[]> {
    const relevant = hits.filter((h) => h.score >= MIN_CALL_SCORE && (h.matched.title.length + h.matched.tags.length > 0 || new Set(h.matched.body).size >= MIN_BODY_TERMS));
    if (relevant.length === 0) return [];
    const c = await this.classifier.classify({ content: text });
    const rank = new Map(c.departments.map((d, i) => [d.departmentId, i]));
    const matterWords = c.matters.flatMap((m) => [m.name, ...m.matched]);
    const confident = (c.departments[0]?.score ?? 0) >= 0.5;
    const scored = relevant.map((h) => {
      const r = h.article.departmentId === null ? undefined : rank.get(h.article.departmentId);
      let factor = r === 0 ? 1.6 : r !== undefined ? 1.2 : h.article.departmentId === null ? 1 : confident ? 0.25 : 0.6;
      if (matterWords.some((w) => h.article.title.includes(w) || h.article.tags.includes(w))) factor *= 1.5;
      return { ...h, score: Math.round(h.score * factor * 1000) / 1000 };
    });
    return scored.filter((h) => h.score >= MIN_CALL_SCORE).sort((a, b) => b.score - a.score);
  }

  async list(page: number, pageSize: number): Promise<Page<KbArticleDto>> {
    const { rows, total } = await this.articles.page(page, pageSize);
    return { items: rows.map(toDto), total, page, pageSize };
  }

  async get(id: number, m?: EntityManager): Promise<KbArticleDto> {
    const row = await this.articles.find(id, m);
    if (!row) throw new NotFoundException(`article ${id} not found`);
    return toDto(row);
  }

  async create(dto: CreateArticleDto, user: AuthUser): Promise<KbArticleDto> {
    this.check(dto);
    const now = new Date();
    const id = await this.articles.insert(
      {
        title: dto.title.trim(),
        body: dto.body,
        tags: JSON.stringify(cleanTags(dto.tags)),
        departmentId: dto.departmentId ?? null,
        validFrom: dto.validFrom ?? null,
        validTo: dto.validTo ?? null,
      },
      user.id,
      now,
    );
    await this.changed();
    return this.get(id);
  }

  /** Many articles in one statement per 500 (the demo seed and the benchmark). */
  async createMany(items: CreateArticleDto[], user: AuthUser): Promise<number> {
    const now = new Date();
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      await this.articles.insertMany(
        chunk.map((a) => ({
          title: a.title,
          body: a.body,
          tags: JSON.stringify(cleanTags(a.tags)),
          departmentId: a.departmentId ?? null,
          validFrom: a.validFrom ?? null,
          validTo: a.validTo ?? null,
        })),
        user.id,
        now,
      );
    }
    await this.changed();
    return items.length;
  }

  async update(id: number, dto: UpdateArticleDto): Promise<KbArticleDto> {
    const a = await this.get(id);
    if (dto.version !== undefined && dto.version !== a.version) throw new ConflictException(`version ${dto.version} is stale: article ${id} is at version ${a.version}`);
    const next = { ...a, ...stripUndefined(dto) };
    this.check(next);
    const updated = await this.articles.update(
      id,
      a.version,
      { title: next.title.trim(), body: next.body, tags: JSON.stringify(cleanTags(next.tags)), departmentId: next.departmentId, validFrom: next.validFrom, validTo: next.validTo },
      new Date(),
    );
    if (!updated) throw new ConflictException(`article ${id} changed while you edited it`);
    await this.changed();
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.articles.deactivate(id, new Date()))) throw new NotFoundException(`article ${id} not found`);
    await this.changed();
  }

  /** "Answer from this article": counted in the caller's transaction, so that a failed resolve counts nothing. */
  async use(m: EntityManager, id: number, now: Date): Promise<KbArticleDto> {
    const a = await this.get(id, m);
    const today = shanghaiDate(now);
    if ((a.validFrom !== null && a.validFrom > today) || (a.validTo !== null && a.validTo < today)) {
      throw new BadRequestException(`article ${id} is not valid today (${a.validFrom ?? '…'} to ${a.validTo ?? '…'})`);
    }
    await this.articles.countUse(m, id);
    return a;
  }

  /** After a use committed: other instances re-read the count (ranking lifts much-used articles). */
  used(): Promise<void> {
    return this.changed();
  }

  private check(a: { departmentId?: number | null; validFrom?: string | null; validTo?: string | null }): void {
    if (a.departmentId != null && !this.departments.exists(a.departmentId)) throw new BadRequestException(`departmentId ${a.departmentId} is not a department`);
    for (const [name, v] of [
      ['validFrom', a.validFrom],
      ['validTo', a.validTo],
    ] as const) {
      // an impossible day (2026-02-30) does not parse, or rolls over to another one
      const parsed = v == null ? null : Date.parse(`${v}T00:00:00Z`);
      if (parsed !== null && (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== v)) throw new BadRequestException(`${name} ${v} is not a calendar day`);
    }
    if (a.validFrom && a.validTo && a.validFrom > a.validTo) throw new BadRequestException('validFrom must not be after validTo');
  }
}

function cleanTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t.length > 0))];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
