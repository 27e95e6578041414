import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DEPARTMENTS, URGENCIES, type ClassificationRuleDto, type RuleKind } from '@hotline/contracts';
import { compileRules, parsePattern, type CompiledRule } from '@hotline/domain';
import type Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { REDIS } from '../../platform/redis/redis.module';
import { SharedVersion } from '../../platform/redis/shared-version';
import { ClassificationRuleEntity } from './classification-rule.entity';
import { ClassificationRules } from './classification-rules.repository';
import type { CreateRuleDto, UpdateRuleDto } from './classification.dto';

/** How often an instance asks Redis whether another instance changed the rules. */
const CHECK_MS = 1000;

/**
 * The keyword rules (data an admin edits), compiled and cached in each instance. A change bumps a version in Redis,
 * so every instance reloads within a second; without Redis an instance reloads from MySQL every few seconds.
 */
@Injectable()
export class RuleBook {
  private cache: { urgency: CompiledRule[]; department: CompiledRule[]; version: string } | null = null;
  private checkedAt = 0;
  private readonly version: SharedVersion;

  constructor(
    private readonly rows: ClassificationRules,
    @Inject(REDIS) redis: Redis,
    env: EnvDto,
  ) {
    this.version = new SharedVersion(redis, `${env.QUEUE_PREFIX}:classifier:rules-version`);
  }

  async rules(): Promise<{ urgency: CompiledRule[]; department: CompiledRule[] }> {
    const now = Date.now();
    if (this.cache && now - this.checkedAt < CHECK_MS) return this.cache;
    this.checkedAt = now;
    const version = await this.version.read();
    if (this.cache?.version === version) return this.cache;
    const rows = await this.rows.active();
    const of = (kind: RuleKind) => compileRules(rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, target: r.target, label: r.label, pattern: r.pattern })));
    this.cache = { urgency: of('urgency'), department: of('department'), version };
    return this.cache;
  }

  async list(kind?: RuleKind): Promise<ClassificationRuleDto[]> {
    return (await this.rows.list(kind)).map(toDto);
  }

  async create(dto: CreateRuleDto): Promise<ClassificationRuleDto> {
    assertRule(dto.kind, dto.target, dto.pattern);
    const now = new Date();
    const row = await this.rows.insert(Object.assign(new ClassificationRuleEntity(), { ...dto, active: dto.active ?? true, version: 1, createdAt: now, updatedAt: now }));
    await this.changed();
    return toDto(row);
  }

  async update(id: number, dto: UpdateRuleDto): Promise<ClassificationRuleDto> {
    const row = await this.rows.find(id);
    if (!row) throw new NotFoundException(`rule ${id} not found`);
    if (dto.version !== undefined && dto.version !== row.version) throw new ConflictException(`version ${dto.version} is stale: rule ${id} is at version ${row.version}`);
    const next = { ...row, ...dto, version: row.version + 1, updatedAt: new Date() };
    assertRule(next.kind, next.target, next.pattern);
    const set = { target: next.target, label: next.label, pattern: next.pattern, active: next.active, version: next.version, updatedAt: next.updatedAt };
    if (!(await this.rows.update(id, row.version, set))) throw new ConflictException(`rule ${id} changed while you edited it`);
    await this.changed();
    return toDto(next);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.rows.delete(id))) throw new NotFoundException(`rule ${id} not found`);
    await this.changed();
  }

  private async changed(): Promise<void> {
    this.cache = null;
    await this.version.bump();
  }
}

function assertRule(kind: RuleKind, target: string, pattern: string): void {
  const targets: readonly string[] = kind === 'urgency' ? URGENCIES : DEPARTMENTS.map((d) => d.code);
  if (!targets.includes(target)) throw new BadRequestException(`target must be one of ${targets.join(', ')} for ${kind} rules`);
  const parsed = parsePattern(pattern);
  if (typeof parsed === 'string') throw new BadRequestException(parsed);
}

function toDto(r: ClassificationRuleEntity): ClassificationRuleDto {
  return { id: r.id, kind: r.kind, target: r.target, label: r.label, pattern: r.pattern, active: r.active, version: r.version, updatedAt: r.updatedAt.toISOString() };
}
