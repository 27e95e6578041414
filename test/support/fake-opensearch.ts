import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for OpenSearch (outside the product, not installable here): the few requests the adapter sends, with
 * OpenSearch's answers and rules — index creation, `_bulk` with external versions (an older version is refused with 409),
 * `_search` with `multi_match` (cross_fields, operator and), `term`/`range` filters, sort by id, `track_total_hits`.
 * Its analyzer cuts Chinese into bigrams (a lone character stays one token) and letters/digits into lower-cased words,
 * as OpenSearch's `cjk` analyzer does. It can be made to fail (503) like a cluster that is down.
 */
export interface FakeOpenSearch {
  url: string;
  /** Documents by ticket id, as indexed. */
  docs: Map<number, { version: number; source: { id: number; archived: boolean; words: string[]; callerName: string | null } }>;
  /** Every request received: method, path, the Authorization header and the parsed body (bulk: its lines). */
  requests: Array<{ method: string; path: string; auth: string | undefined; body: any }>;
  mappings: Map<string, any>;
  failing: boolean;
  close(): Promise<void>;
}

export function tokens(text: string | null | undefined): string[] {
  const out: string[] = [];
  for (const run of (text ?? '').match(/[\p{Script=Han}]+|[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      const chars = [...run];
      if (chars.length === 1) out.push(run);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    } else out.push(run.toLowerCase());
  }
  return out;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export async function startFakeOpenSearch(): Promise<FakeOpenSearch> {
  const fake: FakeOpenSearch = { url: '', docs: new Map(), requests: [], mappings: new Map(), failing: false, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const bulk = path === '/_bulk';
      const body = raw
        ? bulk
          ? raw
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l))
          : JSON.parse(raw)
        : undefined;
      fake.requests.push({ method: req.method ?? '', path, auth: req.headers.authorization, body });
      const send = (status: number, json?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      if (fake.failing) return send(503, { error: { type: 'cluster_block_exception' }, status: 503 });
      const [, index, op] = path.split('/');
      if (req.method === 'HEAD') return send(fake.mappings.has(index) ? 200 : 404);
      if (req.method === 'PUT' && !op) {
        if (fake.mappings.has(index)) return send(400, { error: { type: 'resource_already_exists_exception' } });
        fake.mappings.set(index, body.mappings);
        return send(200, { acknowledged: true, index });
      }
      if (bulk) {
        const items: unknown[] = [];
        for (let i = 0; i < body.length; i++) {
          const [action, meta] = Object.entries(body[i])[0] as [string, any];
          const id = Number(meta._id);
          if (!fake.mappings.has(meta._index)) items.push({ [action]: { status: 404, error: { type: 'index_not_found_exception' } } });
          else if (action === 'delete') items.push({ delete: { status: fake.docs.delete(id) ? 200 : 404 } });
          else {
            const source = body[++i];
            const held = fake.docs.get(id);
            if (meta.version_type === 'external' && held && held.version >= meta.version) {
              items.push({ index: { status: 409, error: { type: 'version_conflict_engine_exception' } } });
            } else {
              fake.docs.set(id, { version: meta.version, source });
              items.push({ index: { status: held ? 200 : 201 } });
            }
          }
        }
        return send(200, { errors: items.some((x) => Object.values(x as object)[0].status >= 300), items });
      }
      if (op === '_search') {
        if (!fake.mappings.has(index)) return send(404, { error: { type: 'index_not_found_exception' } });
        const match = body.query.bool.must[0].multi_match;
        const wanted = tokens(match.query);
        const matches = [...fake.docs.values()]
          .map((d) => d.source)
          .filter((s) => {
            const have = new Set((match.fields as string[]).flatMap((f) => (f === 'words' ? s.words.flatMap(tokens) : tokens(s.callerName))));
            return wanted.every((w) => have.has(w));
          })
          .filter((s) => (body.query.bool.filter as any[]).every((f) => (f.term ? s.archived === f.term.archived : f.range ? s.id < f.range.id.lt : true)))
          .sort((a, b) => b.id - a.id);
        const cap = body.track_total_hits;
        return send(200, {
          hits: {
            ...(cap === false ? {} : { total: { value: Math.min(matches.length, cap), relation: matches.length > cap ? 'gte' : 'eq' } }),
            hits: matches.slice(0, body.size).map((s) => ({ _id: String(s.id), sort: [s.id] })),
          },
        });
      }
      send(400, { error: { type: 'illegal_argument_exception', reason: `${req.method} ${path}` } });
    })().catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
