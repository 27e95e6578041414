import type { EngineHits, EngineQuery, SearchDocument, SearchEngine } from './search-engine';

/** A search must answer within this, or the term table answers it instead. */
const SEARCH_TIMEOUT_MS = 2000;
const WRITE_TIMEOUT_MS = 10_000;

export interface OpenSearchSettings {
  /** http(s)://[user:password@]host:port of OpenSearch (or Elasticsearch 7/8, which speak the same requests used here). */
  url: string;
  index: string;
  /** A Chinese analyzer installed on the cluster: `smartcn` (analysis-smartcn plugin) or `ik_max_word` (IK). */
  analyzer: string;
}

/**
 * OpenSearch/Elasticsearch over its REST API (plain fetch: the few requests used need no client library). One document
 * per ticket, id = ticket id, versioned externally so that a slow writer never puts back an older document.
 */
export class OpenSearchEngine implements SearchEngine {
  readonly describe: string;
  private readonly base: string;
  private readonly auth: string | null;

  constructor(private readonly settings: OpenSearchSettings) {
    const url = new URL(settings.url);
    // fetch refuses credentials in a URL: they travel as a header, and never into a log line
    this.auth = url.username ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : null;
    url.username = '';
    url.password = '';
    this.base = url.toString().replace(/\/$/, '');
    this.describe = `opensearch ${this.base}/${settings.index}`;
  }

  async ensureIndex(): Promise<boolean> {
    const head = await this.request('HEAD', `/${this.settings.index}`, undefined, SEARCH_TIMEOUT_MS, [404]);
    if (head.status === 200) return false;
    const text = { type: 'text', analyzer: this.settings.analyzer };
    await this.request(
      'PUT',
      `/${this.settings.index}`,
      { mappings: { dynamic: 'strict', properties: { id: { type: 'long' }, archived: { type: 'boolean' }, words: text, callerName: text } } },
      WRITE_TIMEOUT_MS,
    );
    return true;
  }

  async write(docs: SearchDocument[], removed: number[]): Promise<void> {
    if (!docs.length && !removed.length) return;
    const index = this.settings.index;
    const lines = [
      ...docs.flatMap((d) => [
        { index: { _index: index, _id: String(d.id), version: d.version, version_type: 'external' } },
        { id: d.id, archived: d.archived, words: d.words, callerName: d.callerName },
      ]),
      ...removed.map((id) => ({ delete: { _index: index, _id: String(id) } })),
    ];
    const res = await this.request('POST', '/_bulk', lines.map((l) => JSON.stringify(l)).join('\n') + '\n', WRITE_TIMEOUT_MS);
    const body = (await res.json()) as { errors: boolean; items: Array<Record<string, { status: number; error?: { type?: string; reason?: string } }>> };
    if (!body.errors) return;
    // 409: the engine already holds this version or a newer one; 404: a removed ticket it never had
    const failed = body.items.map((i) => Object.values(i)[0]).filter((r) => r.status !== 409 && r.status !== 404);
    if (failed.length)
      throw new Error(
        `search engine refused ${failed.length} of ${body.items.length} writes: ${failed[0].error?.type ?? failed[0].status} ${failed[0].error?.reason ?? ''}`.trim(),
      );
  }

  async search(q: EngineQuery): Promise<EngineHits> {
    const res = await this.request(
      'POST',
      `/${this.settings.index}/_search`,
      {
        size: q.size,
        _source: false,
        track_total_hits: q.countUpTo > 0 ? q.countUpTo : false,
        sort: [{ id: 'desc' }],
        query: {
          bool: {
            // every word must be found, in any of the fields (as the term table requires every term)
            must: [{ multi_match: { query: q.text, fields: q.includeCaller ? ['words', 'callerName'] : ['words'], type: 'cross_fields', operator: 'and' } }],
            filter: [{ term: { archived: q.archived } }, ...(q.beforeId === undefined ? [] : [{ range: { id: { lt: q.beforeId } } }])],
          },
        },
      },
      SEARCH_TIMEOUT_MS,
    );
    const body = (await res.json()) as { hits: { total?: { value: number }; hits: Array<{ _id: string }> } };
    return { ids: body.hits.hits.map((h) => Number(h._id)), total: Math.min(body.hits.total?.value ?? 0, q.countUpTo) };
  }

  private async request(method: string, path: string, body: unknown, timeoutMs: number, allowed: number[] = []): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.auth) headers.authorization = this.auth;
    if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'application/x-ndjson' : 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok && !allowed.includes(res.status)) {
      const text = method === 'HEAD' ? '' : (await res.text()).slice(0, 200);
      throw new Error(`search engine: ${method} ${path} answered ${res.status} ${text}`.trim());
    }
    return res;
  }
}
