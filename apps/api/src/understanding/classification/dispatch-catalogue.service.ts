import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CatalogueMatterDto } from '@hotline/contracts';
import type { CatalogueMatter } from '@hotline/domain';
import type Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { isDuplicateKey } from '../../platform/database/errors';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { REDIS } from '../../platform/redis/redis.module';
import { SharedVersion } from '../../platform/redis/shared-version';
import { CatalogueMatterEntity } from './catalogue-matter.entity';
import { CatalogueMatters } from './catalogue-matters.repository';
import type { CreateMatterDto, MatterListQuery, UpdateMatterDto } from './catalogue.dto';

/** How often an instance asks Redis whether another instance changed the catalogue. */
const CHECK_MS = 1000;

/** A catalogue matter for matching, with its row id. */
export type LoadedMatter = CatalogueMatter & { id: number; departmentId: number };

/**
 * The dispatch catalogue (派单目录): matters an admin edits, each with its department, default urgency, terms and
 * phrasings. Cached in each instance; a change bumps a version in Redis so every instance reloads within a second.
 */
@Injectable()
export class DispatchCatalogue {
  private cache: { matters: LoadedMatter[]; version: string } | null = null;
  private checkedAt = 0;
  private loading: Promise<LoadedMatter[]> | null = null;
  private readonly version: SharedVersion;

  constructor(
    private readonly rows: CatalogueMatters,
    private readonly departments: DepartmentsService,
    @Inject(REDIS) redis: Redis,
    env: EnvDto,
  ) {
    this.version = new SharedVersion(redis, `${env.QUEUE_PREFIX}:classifier:catalogue-version`);
  }

  /** The active matters, as the matcher reads them. */
  async matters(): Promise<LoadedMatter[]> {
    if (this.cache && Date.now() - this.checkedAt < CHECK_MS) return this.cache.matters;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<LoadedMatter[]> {
    this.checkedAt = Date.now();
    const version = await this.version.read();
    if (this.cache?.version === version) return this.cache.matters;
    const codeOf = new Map(this.departments.all().map((d) => [d.id, d.code]));
    const rows = await this.rows.active();
    const matters = rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      departmentId: r.departmentId,
      department: codeOf.get(r.departmentId) ?? '',
      urgency: r.urgency,
      terms: r.terms,
      phrasings: r.phrasings,
      confusable: r.confusable.map((c) => ({ name: c.name, department: codeOf.get(c.departmentId) ?? '', hint: c.hint })),
    }));
    this.cache = { matters, version };
    return matters;
  }

  async list(q: MatterListQuery): Promise<CatalogueMatterDto[]> {
    return (await this.rows.search({ departmentId: q.departmentId, q: q.q })).map(toDto);
  }

  async get(id: number): Promise<CatalogueMatterDto> {
    const row = await this.rows.find(id);
    if (!row) throw new NotFoundException(`matter ${id} not found`);
    return toDto(row);
  }

  async create(dto: CreateMatterDto): Promise<CatalogueMatterDto> {
    this.assertDepartments(dto);
    const now = new Date();
    try {
      const row = await this.rows.insert(
        Object.assign(new CatalogueMatterEntity(), {
          code: dto.code,
          name: dto.name.trim(),
          departmentId: dto.departmentId,
          urgency: dto.urgency ?? null,
          terms: clean(dto.terms),
          phrasings: clean(dto.phrasings ?? []),
          confusable: dto.confusable ?? [],
          active: dto.active ?? true,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.changed();
      return toDto(row);
    } catch (e) {
      if (isDuplicateKey(e)) throw new ConflictException(`a matter with code ${dto.code} exists`);
      throw e;
    }
  }

  async update(id: number, dto: UpdateMatterDto): Promise<CatalogueMatterDto> {
    const row = await this.rows.find(id);
    if (!row) throw new NotFoundException(`matter ${id} not found`);
    if (dto.version !== undefined && dto.version !== row.version) throw new ConflictException(`version ${dto.version} is stale: matter ${id} is at version ${row.version}`);
    this.assertDepartments(dto);
    const next: CatalogueMatterEntity = {
      ...row,
      ...(dto.code !== undefined ? { code: dto.code } : {}),
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.departmentId !== undefined ? { departmentId: dto.departmentId } : {}),
      ...(dto.urgency !== undefined ? { urgency: dto.urgency } : {}),
      ...(dto.terms !== undefined ? { terms: clean(dto.terms) } : {}),
      ...(dto.phrasings !== undefined ? { phrasings: clean(dto.phrasings) } : {}),
      ...(dto.confusable !== undefined ? { confusable: dto.confusable } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
      version: row.version + 1,
      updatedAt: new Date(),
    };
    try {
      const set = {
        code: next.code,
        name: next.name,
        departmentId: next.departmentId,
        urgency: next.urgency,
        terms: next.terms,
        phrasings: next.phrasings,
        confusable: next.confusable,
        active: next.active,
        version: next.version,
        updatedAt: next.updatedAt,
      };
      if (!(await this.rows.update(id, row.version, set))) throw new ConflictException(`matter ${id} changed while you edited it`);
    } catch (e) {
      if (isDuplicateKey(e)) throw new ConflictException(`a matter with code ${next.code} exists`);
      throw e;
    }
    await this.changed();
    return toDto(next);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.rows.delete(id))) throw new NotFoundException(`matter ${id} not found`);
    await this.changed();
  }

  private assertDepartments(dto: { departmentId?: number; confusable?: Array<{ departmentId: number }> }): void {
    const known = new Set(this.departments.all().map((d) => d.id));
    if (dto.departmentId !== undefined && !known.has(dto.departmentId)) throw new BadRequestException(`departmentId ${dto.departmentId} is not a department`);
    for (const c of dto.confusable ?? []) if (!known.has(c.departmentId)) throw new BadRequestException(`confusable.departmentId ${c.departmentId} is not a department`);
  }

  private async changed(): Promise<void> {
    this.cache = null;
    await this.version.bump();
  }
}

const clean = (words: readonly string[]): string[] => [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))];

function toDto(r: CatalogueMatterEntity): CatalogueMatterDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    departmentId: r.departmentId,
    urgency: r.urgency,
    terms: r.terms,
    phrasings: r.phrasings,
    confusable: r.confusable,
    active: r.active,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
