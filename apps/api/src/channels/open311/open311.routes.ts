import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unavailable } from '../../platform/http/all-exceptions.filter';
import { OPEN311_BASE, Open311Catalogue } from './open311-catalogue.service';
import { Open311Error } from './open311-error';
import { readForm } from './open311-form';
import { Open311Requests } from './open311-requests.service';
import { Open311Service } from './open311.service';
import { toOpen311Xml } from './open311-xml';

type Format = 'json' | 'xml';
type Req = FastifyRequest<{ Params: Record<string, string> }>;

/** The format a path asks for by its extension: `.xml`, else JSON (the standard's errors included). */
function formatOf(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0]) ? 'xml' : 'json';
}

/**
 * The standard's shapes: JSON as it is; XML with `root` around it, each member of a list as an `item` element. The
 * media types are discovery's `formats` exactly, as validators compare them: JSON is UTF-8 by definition (RFC 8259
 * gives application/json no charset) and the XML declaration names its encoding (RFC 7303).
 */
function send(reply: FastifyReply, format: Format, root: string, item: string | null, value: unknown, status = 200): FastifyReply {
  // a serializer of our own: fastify would add `; charset=utf-8` to a JSON type it serializes itself
  if (format === 'json')
    return reply
      .status(status)
      .type('application/json')
      .serializer((v: unknown) => JSON.stringify(v))
      .send(value);
  return reply
    .status(status)
    .type('text/xml')
    .send(toOpen311Xml(root, item, value));
}

/** Any failure as the standard's `errors` list: its own 400/403/404/409s, the framework's refusals (413, 415), 503 when MySQL is away. */
function fail(reply: FastifyReply, format: Format, e: unknown): FastifyReply {
  let code: number;
  let description: string;
  const away = unavailable(e);
  const status = (e as { statusCode?: number })?.statusCode;
  if (e instanceof Open311Error) [code, description] = [e.code, e.message];
  else if (away) [code, description] = [503, away];
  else if (status && status >= 400 && status < 500) [code, description] = [status, (e as Error).message];
  else {
    reply.log.error(e);
    [code, description] = [500, 'internal error'];
  }
  return send(reply, format, 'errors', 'error', [{ code, description }], code);
}

/**
 * `//services.xml`: a client joining the discovery URL (which ends in a slash) and a path of its own means one slash.
 * Only Open311's paths are touched; the rest of the service keeps its URLs exactly.
 */
export function collapseOpen311Slashes(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!/^\/+open311\//.test(path)) return url;
  return path.replace(/\/{2,}/g, '/') + (q < 0 ? '' : url.slice(q));
}

/**
 * Open311 GeoReport v2 at /open311/v2/ (outside /api/v1, where civic apps such as FixMyStreet expect it), in XML and
 * JSON by extension. Reads are open; submitting a request or an update needs an api_key issued by an admin.
 */
export async function mountOpen311(app: NestFastifyApplication): Promise<void> {
  const catalogue = app.get(Open311Catalogue);
  const requests = app.get(Open311Requests);
  const writes = app.get(Open311Service);
  // An encapsulated plugin under /open311: form-encoded bodies (GeoReport's) are parsed here only, and whatever goes
  // wrong here — an unknown path, a refused body — is answered in the standard's error format, not the JSON API's.
  await app
    .getHttpAdapter()
    .getInstance()
    .register(
      async (fastify) => {
        await fastify.register(formbody, { bodyLimit: 64 * 1024 });
        fastify.setNotFoundHandler((req, reply) => fail(reply, formatOf(req.url), new Open311Error(404, `no such Open311 resource: ${req.method} ${req.url.split('?')[0]}`)));
        fastify.setErrorHandler((e, req, reply) => fail(reply, formatOf(req.url), e));
        const route = (method: 'GET' | 'POST', path: string, root: string, item: string | null, handle: (req: Req) => unknown, status = 200) =>
          fastify.route({
            method,
            url: `/v2${path}.:format`,
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
        const query = (req: Req) => readForm(req.query);
        const body = (req: Req) => readForm(req.body);

        route('GET', '/discovery', 'discovery', null, () => catalogue.discovery());
        route('GET', '/services', 'services', 'service', () => catalogue.services());
        route('GET', '/services/:code', 'service_definition', null, (req) => catalogue.definition(req.params.code));
        route('POST', '/requests', 'service_requests', 'request', (req) => writes.create(body(req)), 201);
        route('GET', '/requests', 'service_requests', 'request', (req) => requests.list(query(req)));
        route('GET', '/requests/:id', 'service_requests', 'request', (req) => {
          const id = Number(req.params.id);
          if (!/^\d+$/.test(req.params.id) || !Number.isSafeInteger(id) || id < 1) throw new Open311Error(404, `service request ${req.params.id} not found`);
          return requests.list({}, [id]);
        });
        route('GET', '/tokens/:token', 'service_requests', 'request', (req) => requests.token(req.params.token));
        route('GET', '/servicerequestupdates', 'service_request_updates', 'request_update', async (req) => {
          await writes.key(query(req));
          return requests.updates(query(req));
        });
        route('POST', '/servicerequestupdates', 'service_request_updates', 'request_update', (req) => writes.postUpdate(body(req)));
      },
      { prefix: OPEN311_BASE.replace(/\/v2$/, '') },
    );
}
