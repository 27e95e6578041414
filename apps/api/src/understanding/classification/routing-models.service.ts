import { Inject, Injectable, Logger } from '@nestjs/common';
import { builtFile } from '../../platform/built-file';
import { DEPARTMENTS, URGENCIES, type RoutingModelInfoDto } from '@hotline/contracts';
import { matterText, type RoutingModel } from '@hotline/domain';
import { Worker } from 'node:worker_threads';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { EnvDto } from '../../platform/config/env.dto';
import { withNamedLock } from '../../platform/database/named-lock';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { REDIS } from '../../platform/redis/redis.module';
import { starterCalls } from '../knowledge/starter-knowledge';
import { TicketEventsRepository } from '../../casework/tickets/ticket-events.repository';
import { TicketsRepository } from '../../casework/tickets/tickets.repository';

import { readJsonLines, sharedDataFile, type LabelledMessage } from '../text/shared-data';
import { DispatchCatalogue } from './dispatch-catalogue.service';
import { trainFromTexts, type RawDoc, type TrainingInput, type TrainingOutput } from './routing-training';

/** How often an instance looks for a model another instance trained. */
const CHECK_MS = 30_000;
/** The most recent routed tickets and returns a training reads. */
const HISTORY_LIMIT = 50_000;
/** An agent's correction (another department than suggested, an urgency reclassified) weighs as this many tickets. */
export const CORRECTION_WEIGHT = 5;

export interface StoredModel {
  /** Departments. */
  model: RoutingModel;
  /** Urgency (labels: the urgencies). */
  urgency: RoutingModel;
  info: RoutingModelInfoDto;
}

const parse = (data: string | Record<string, unknown> | null): Record<string, any> => (typeof data === 'string' ? (JSON.parse(data) as Record<string, any>) : (data ?? {}));

export { categoryFeature } from './routing-training';

/** The training thread's compiled file: beside this one when built, or in the build when this runs from the sources (tests). */
const THREAD_FILE = builtFile(__dirname, 'routing-training.thread.js');

/**
 * Segmenting tens of thousands of texts and counting their words takes seconds of CPU: a worker thread does it, so that
 * the API keeps answering (and a SIGTERM is heard) meanwhile. Without a build (sources run by a test), in place.
 */
function trainOffTheLoop(input: TrainingInput): Promise<TrainingOutput> {
  if (!THREAD_FILE) return Promise.resolve(trainFromTexts(input));
  return new Promise((resolve, reject) => {
    const thread = new Worker(THREAD_FILE, { workerData: input });
    thread.once('message', (out: TrainingOutput) => resolve(out));
    thread.once('error', reject);
    thread.once('exit', (code) => code !== 0 && reject(new Error(`routing training thread exited with ${code}`)));
  });
}

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
  private seed: RawDoc[] | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly departments: DepartmentsService,
    private readonly catalogue: DispatchCatalogue,
    private readonly tickets: TicketsRepository,
    private readonly events: TicketEventsRepository,
    env: EnvDto,
  ) {
    this.key = `${env.QUEUE_PREFIX}:classifier:model:v2`;
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
    const codeOf = new Map(this.departments.all().map((d) => [d.id, d.code]));
    const docs: RawDoc[] = [];
    const urgencyDocs: RawDoc[] = [];
    // the team's corpus (libs/knowledge): phone calls labelled with department and urgency
    const calls = starterCalls();
    for (const c of calls) {
      docs.push({ text: c.text, label: c.department, weight: 1 });
      urgencyDocs.push({ text: c.text, label: c.urgency, weight: 1 });
    }
    // the dispatch catalogue as the admins keep it: each matter's name, terms and phrasings
    const matters = await this.catalogue.matters();
    for (const matter of matters) docs.push({ text: matterText(matter), label: matter.department, weight: 1 });
    const seed = this.seedDocs();
    docs.push(...seed);
    const positives = await this.tickets.routedHistory(m, HISTORY_LIMIT);
    for (const r of positives) {
      const label = codeOf.get(r.department_id);
      if (label) docs.push({ text: r.content, category: r.category, label, weight: 1 });
    }
    // against a department: its returns (退单), and the centre moving a ticket away from it (改派, `data.from`)
    const returns = await this.events.departmentLeavings(m, HISTORY_LIMIT);
    let negatives = 0;
    for (const r of returns) {
      const data = parse(r.data);
      const label = codeOf.get(Number(r.action === 'redirect' ? data.from : data.departmentId));
      if (!label) continue;
      docs.push({ text: r.content, category: r.category, label, weight: -1 });
      negatives++;
    }
    const corrections = (await this.departmentCorrections(m, codeOf, docs)) + (await this.urgencyLabels(m, urgencyDocs));
    const { model, urgency } = await trainOffTheLoop({ departments: docs, urgency: urgencyDocs, departmentLabels: DEPARTMENTS.map((d) => d.code), urgencyLabels: URGENCIES });
    const info: RoutingModelInfoDto = {
      version: model.version,
      trainedAt: model.trainedAt,
      historyPositives: positives.length,
      historyNegatives: negatives,
      seedMessages: seed.length,
      corpusCalls: calls.length,
      catalogueMatters: matters.length,
      corrections,
      vocabulary: Object.keys(model.counts).length,
      trainingMs: Date.now() - started,
    };
    const stored = { model, urgency, info };
    await this.redis
      .hset(this.key, { version: model.version, trainedAt: model.trainedAt, json: JSON.stringify(stored) })
      .catch((e: Error) => this.logger.warn(`routing model not shared through Redis: ${e.message}`));
    this.logger.log(
      `routing and urgency models trained: ${calls.length} corpus calls, ${matters.length} catalogue matters, ${positives.length} routed tickets, ${negatives} returns, ${corrections} corrections, ${seed.length} starter messages, ${info.vocabulary} features in ${info.trainingMs} ms`,
    );
    return stored;
  }

  /**
   * An agent who dispatched a ticket to another department than the one the service suggested first corrected it:
   * the department chosen learns the ticket's words at once (before any reply), weighing CORRECTION_WEIGHT.
   */
  private async departmentCorrections(m: EntityManager, codeOf: Map<number, string>, docs: RawDoc[]): Promise<number> {
    const rows = await this.events.dispatchesWithSuggestions(m, HISTORY_LIMIT);
    let n = 0;
    for (const r of rows) {
      const suggested = parse(r.created).suggestedDepartments as Array<{ departmentId: number }> | undefined;
      const chosen = Number(parse(r.dispatch).departmentId);
      const label = codeOf.get(chosen);
      if (!label || !suggested?.length || suggested[0].departmentId === chosen) continue;
      docs.push({ text: r.content, category: r.category, label, weight: CORRECTION_WEIGHT });
      n++;
    }
    return n;
  }

  /** Urgency labels from history: what agents chose at registration, and every reclassification (a correction). */
  private async urgencyLabels(m: EntityManager, docs: RawDoc[]): Promise<number> {
    const rows = await this.events.urgencyLines(m, HISTORY_LIMIT);
    let corrections = 0;
    for (const r of rows) {
      const data = parse(r.data);
      if (r.action === 'reclassify') {
        const to = data.urgency?.to as string | undefined;
        if (!to) continue;
        docs.push({ text: r.content, label: to, weight: CORRECTION_WEIGHT });
        corrections++;
      } else if (data.urgencySource === 'chosen' && typeof data.urgency === 'string') {
        docs.push({ text: r.content, label: data.urgency, weight: 1 });
      }
    }
    return corrections;
  }

  /** The starter messages (../shared/data), read once per process; none when the data is not beside the project. */
  private seedDocs(): RawDoc[] {
    if (!this.seed) {
      const file = sharedDataFile('citizen-messages.jsonl');
      this.seed = file ? readJsonLines<LabelledMessage>(file).map((m) => ({ text: `${m.title}。${m.content}`, label: m.department, weight: 1 })) : [];
    }
    return this.seed;
  }
}
