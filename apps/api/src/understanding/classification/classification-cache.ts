import type { ClassificationDto, ClassifyRequest } from '@hotline/contracts';

/** Entries kept: a few minutes of a busy centre's calls. */
const ENTRIES = 2000;

/**
 * The suggestions of the last texts classified, by text and by the rules, model and catalogue they were computed
 * with. The console asks `POST /classify` while the agent types; registering that call then finds the answer here
 * instead of computing it again (2-5 ms of the one API thread). A new model, rule set or catalogue is a new object
 * and so misses. Answers are shared: callers must not change them.
 */
export class ClassificationCache {
  private readonly entries = new Map<string, { inputs: readonly object[]; result: ClassificationDto }>();

  get(req: ClassifyRequest, inputs: readonly object[]): ClassificationDto | undefined {
    const key = keyOf(req);
    const hit = this.entries.get(key);
    if (!hit || hit.inputs.length !== inputs.length || hit.inputs.some((x, i) => x !== inputs[i])) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.result;
  }

  set(req: ClassifyRequest, inputs: readonly object[], result: ClassificationDto): void {
    const key = keyOf(req);
    this.entries.delete(key);
    this.entries.set(key, { inputs, result });
    if (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

const keyOf = (req: ClassifyRequest): string => JSON.stringify([req.content, req.category ?? null, req.address ?? null]);
