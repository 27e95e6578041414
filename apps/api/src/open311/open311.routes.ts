import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import { Open311Error, Open311Service, type Form, type Row } from './open311.service';

const BASE = '/open311/v2';
const xml = new XMLBuilder({ format: true, suppressEmptyNode: false });

/** Each response as the standard shapes it: a JSON array, or an XML root holding one element per item. */
function send(reply: FastifyReply, format: string, root: string, item: string, rows: Row[], status = 200): FastifyReply {
  if (format === 'json') return reply.status(status).type('application/json; charset=utf-8').send(rows);
  const items = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : Array.isArray(v) ? v.join(',') : v])));
  return reply
    .status(status)
    .type('text/xml; charset=utf-8')
    .send(`<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: { [item]: items } })}`);
}

function fail(reply: FastifyReply, format: string, e: unknown): FastifyReply {
  const err = e instanceof Open311Error ? e : new Open311Error(400, 'bad request');
  if (!(e instanceof Open311Error)) reply.log.error(e);
  return send(reply, format === 'xml' ? 'xml' : 'json', 'errors', 'error', [{ code: err.code, description: err.message }], err.code);
}

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Form; Body: Form }>;

/**
 * Open311 GeoReport v2 at /open311/v2/ (outside /api/v1, where civic apps such as FixMyStreet expect it), in XML and
 * JSON by extension. Reads are open; submitting a request or an update needs an api_key issued by an admin.
 */
export async function mountOpen311(app: NestFastifyApplication): Promise<void> {
  const service = app.get(Open311Service);
  // An encapsulated plugin: form-encoded bodies (GeoReport's) are parsed for these routes only; the JSON API keeps
  // refusing them with 415.
  await app.getHttpAdapter().getInstance().register(async (fastify) => {
    await fastify.register(formbody, { bodyLimit: 64 * 1024 });
    const route = (method: 'GET' | 'POST', path: string, root: string, item: string, handle: (req: Req) => Promise<Row[]> | Row[], status = 200) =>
      fastify.route({
        method,
        url: `${BASE}${path}.:format`,
        handler: async (req: Req, reply) => {
          const format = req.params.format;
          if (format !== 'json' && format !== 'xml') return fail(reply, 'json', new Open311Error(404, 'format must be .json or .xml'));
          try {
            return send(reply, format, root, item, await handle(req), status);
          } catch (e) {
            return fail(reply, format, e);
          }
        },
      });

    route('GET', '/discovery', 'discovery', 'endpoint', (req) => {
      const url = `${req.protocol}://${req.headers.host}${BASE}/`;
      return [{ changeset: '2026-11-22T00:00:00Z', contact: '12345 政务服务便民热线', key_service: '向热线管理员申请 api_key', specification: 'http://wiki.open311.org/GeoReport_v2', url, type: 'production', formats: ['text/xml', 'application/json'] }];
  });
  route('GET', '/services', 'services', 'service', () => service.services());
  route('GET', '/services/:code', 'service_definition', 'service_definition', (req) => [service.definition(req.params.code)]);
  route('POST', '/requests', 'service_requests', 'request', (req) => service.create({ ...(req.body ?? {}) }), 201);
  route('GET', '/requests', 'service_requests', 'request', (req) => service.requests(req.query));
  route('GET', '/requests/:id', 'service_requests', 'request', (req) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1) throw new Open311Error(404, `service request ${req.params.id} not found`);
    return service.requests({}, [id]);
  });
  route('GET', '/tokens/:token', 'service_requests', 'request', (req) => service.token(req.params.token));
  route('GET', '/servicerequestupdates', 'service_request_updates', 'request_update', (req) => service.updates(req.query));
  route('POST', '/servicerequestupdates', 'service_request_updates', 'request_update', (req) => service.postUpdate({ ...(req.body ?? {}) }));
  });
}
