import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEPARTMENTS, type RoutingModelInfoDto } from '@hotline/contracts';
import { trainRoutingModel, type RoutingModel, type TrainingDoc } from '@hotline/domain';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { EnvDto } from '../config/env.dto';
import { withNamedLock } from '../database/named-lock';
import { DepartmentsService } from '../departments/departments.service';
import { REDIS } from '../redis/redis.module';
import { segmenter } from '../text/segmenter';
import { readJsonLines, sharedDataFile, type LabelledMessage } from '../text/shared-data';

/** How often an instance looks for a model another instance trained. */
const CHECK_MS = 30_000;
/** The most recent routed tickets and returns a training reads. */
const HISTORY_LIMIT = 50_000;

export interface StoredModel {
  model: RoutingModel;
  info: RoutingModelInfoDto;
}

/** A category word joins the features, so the model learns e.g. that reports go to the police more often. */
export const categoryFeature = (category: string | null | undefined): string[] => (category ? [`#${category}`] : []);

/**
 * The department routing model: trained from the centre's routed history plus the starter messages, kept in Redis
 * for every instance, retrained by the worker's job (CLASSIFIER_RETRAIN_MINUTES) or on an admin's request.
 * Training takes a MySQL named lock so that instances never train side by side; Redis losing the model means the
 * next classification trains it again.
 */
@Injectable()
export class RoutingModels {
  private readonly logger = new Logger(RoutingModels.name);
  private current: StoredModel | null = null;
  private checkedAt = 0;
  private loading: Promise<StoredModel> | null = null;
  private readonly key: string;
  private seed: TrainingDoc[] | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly departments: DepartmentsService,
    env: EnvDto,
  ) {
    this.key = `${env.QUEUE_PREFIX}:classifier:model`;
  }

  /** The model to classify with: this instance's copy, refreshed from Redis at most every 30 s. */
  async model(): Promise<StoredModel> {
    if (this.current && Date.now() - this.checkedAt < CHECK_MS) return this.current;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<StoredModel> {
    this.checkedAt = Date.now();
    try {
      const version = await this.redis.hget(this.key, 'version');
      if (version && version === this.current?.info.version) return this.current;
      if (version) {
        const json = await this.redis.hget(this.key, 'json');
        if (json) return (this.current = JSON.parse(json) as StoredModel);
      }
    } catch (e) {
      if (this.current) return this.current; // Redis is away: keep what we have
      this.logger.warn(`routing model not read from Redis: ${(e as Error).message}`);
    }
    return await this.retrain();
  }

  /** Trains from history now (one instance at a time) and shares the model through Redis. */
  async retrain(): Promise<StoredModel> {
    const trained = await withNamedLock(this.db, 'hotline_classifier_train', 60, async (m) => {
      // another instance may have trained while this one waited for the lock
      const fresh = await this.redis.hget(this.key, 'trainedAt').catch(() => null);
      if (fresh && Date.now() - Date.parse(fresh) < 2000 && this.current?.info.trainedAt !== fresh) {
        const json = await this.redis.hget(this.key, 'json').catch(() => null);
        if (json) return JSON.parse(json) as StoredModel;
      }
      return await this.train(m);
    });
    this.current = trained ?? (await this.train(this.db.manager));
    this.checkedAt = Date.now();
    return this.current;
  }

  private async train(m: EntityManager): Promise<StoredModel> {
    const started = Date.now();
    const seg = segmenter();
    const codeOf = new Map(this.departments.all().map((d) => [d.id, d.code]));
    const docs: TrainingDoc[] = [...this.seedDocs()];
    const seedMessages = docs.length;
    const positives: Array<{ content: string; category: string; department_id: number }> = await m.query(
      'SELECT content, category, department_id FROM tickets WHERE replied_at IS NOT NULL AND department_id IS NOT NULL AND duplicate_of_id IS NULL ORDER BY id DESC LIMIT ?',
      [HISTORY_LIMIT],
    );
    for (const r of positives) {
      const label = codeOf.get(r.department_id);
      if (label) docs.push({ tokens: [...seg.routingFeatures(r.content), ...categoryFeature(r.category)], label, weight: 1 });
    }
    const returns: Array<{ content: string; category: string; data: string | Record<string, unknown> }> = await m.query(
      `SELECT t.content, t.category, e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.action = 'return' ORDER BY e.id DESC LIMIT ?`,
      [HISTORY_LIMIT],
    );
    let negatives = 0;
    for (const r of returns) {
      const data = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
      const label = codeOf.get(Number(data?.departmentId));
      if (!label) continue;
      docs.push({ tokens: [...seg.routingFeatures(r.content), ...categoryFeature(r.category)], label, weight: -1 });
      negatives++;
    }
    const model = trainRoutingModel(docs, DEPARTMENTS.map((d) => d.code));
    const info: RoutingModelInfoDto = {
      version: model.version,
      trainedAt: model.trainedAt,
      historyPositives: docs.length - seedMessages - negatives,
      historyNegatives: negatives,
      seedMessages,
      vocabulary: Object.keys(model.counts).length,
      trainingMs: Date.now() - started,
    };
    const stored = { model, info };
    await this.redis
      .hset(this.key, { version: model.version, trainedAt: model.trainedAt, json: JSON.stringify(stored) })
      .catch((e: Error) => this.logger.warn(`routing model not shared through Redis: ${e.message}`));
    this.logger.log(`routing model trained: ${info.historyPositives} routed tickets, ${negatives} returns, ${seedMessages} starter messages, ${info.vocabulary} words in ${info.trainingMs} ms`);
    return stored;
  }

  /** The starter messages (../shared/data), read once per process; none when the data is not beside the project. */
  private seedDocs(): TrainingDoc[] {
    if (!this.seed) {
      const file = sharedDataFile('citizen-messages.jsonl');
      const seg = segmenter();
      this.seed = file ? readJsonLines<LabelledMessage>(file).map((m) => ({ tokens: seg.routingFeatures(m.content, m.title), label: m.department, weight: 1 })) : [];
    }
    return this.seed;
  }
}
