import { SetMetadata, type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '@hotline/contracts';
import { IS_PUBLIC, ROLES_KEY } from '../../access/auth/decorators';

export const ERROR_CODES_KEY = 'hotline:error-codes';

/** The codes a route raises beyond those its shape implies (validation, sign-in, roles, ids, bodies): documented in OpenAPI. */
export const ErrorCodes = (...codes: ErrorCode[]) => SetMetadata(ERROR_CODES_KEY, codes);

/** What the document needs to know of a route's handler: public, role-limited, and the codes it declares. */
export interface HandlerFacts {
  public: boolean;
  roles: boolean;
  codes: ErrorCode[];
}

type Operation = {
  operationId?: string;
  summary?: string;
  requestBody?: unknown;
  parameters?: Array<{ in: string; name: string }>;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description: string; content?: unknown }>;
  'x-error-codes'?: ErrorCode[];
};

/** The validation codes: every FIELD_* of the one list in libs/contracts. */
const VALIDATION: ErrorCode[] = ERROR_CODES.filter((c) => c.startsWith('FIELD_'));
const BODY: ErrorCode[] = ['MALFORMED_JSON', 'JSON_TOO_DEEP', 'BODY_NOT_OBJECT', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
/** What the exceptions filter makes of a ConflictException raised without a code. */
const ANY_CONFLICT: ErrorCode[] = ['CONFLICT', 'VERSION_CONFLICT', 'CONCURRENT_CHANGE', 'ALREADY_EXISTS'];
const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const REASON: Record<string, string> = {
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '413': 'Payload Too Large',
  '415': 'Unsupported Media Type',
  '422': 'Unprocessable Entity',
  '429': 'Too Many Requests',
  '503': 'Service Unavailable',
  '4XX': 'Client error',
};

/** The codes an operation can answer, by status: from its shape (body, query, path ids, sign-in, roles) and its declarations. */
export function errorCodesOf(method: string, path: string, op: Operation, facts: HandlerFacts | undefined): Map<string, ErrorCode[]> {
  const out = new Map<string, Set<ErrorCode>>();
  const add = (...codes: ErrorCode[]) => {
    for (const c of codes) {
      const s = String(ERROR_STATUS[c]);
      if (!out.has(s)) out.set(s, new Set());
      out.get(s)!.add(c);
    }
  };
  const params = op.parameters ?? [];
  const write = WRITES.has(method);
  if (op.requestBody || params.some((p) => p.in === 'query')) add(...VALIDATION);
  if (write && method !== 'delete') add(...BODY);
  if (params.some((p) => p.in === 'path')) {
    add('FIELD_INVALID');
    add(path.startsWith('/api/v1/tickets/{id}') ? 'TICKET_NOT_FOUND' : 'NOT_FOUND');
    // a change to an archived ticket (docs/api.md, "Archived tickets")
    if (write && path.startsWith('/api/v1/tickets/{id}')) add('TICKET_ARCHIVED');
  }
  if (!facts?.public) add('UNAUTHENTICATED', 'TOKEN_EXPIRED', 'SESSION_ENDED');
  if (facts?.roles) add('FORBIDDEN_ROLE');
  add(...(facts?.codes ?? []));
  if (write && !out.has('409') && params.some((p) => p.in === 'path')) add(...ANY_CONFLICT);
  add('SERVICE_UNAVAILABLE');
  const byStatus = new Map<string, ErrorCode[]>();
  for (const [s, codes] of [...out].sort(([a], [b]) => a.localeCompare(b)))
    byStatus.set(
      s,
      ERROR_CODES.filter((c) => codes.has(c)),
    );
  // every operation says what a client error looks like, even one that expects none (health)
  if (![...byStatus.keys()].some((s) => s.startsWith('4'))) byStatus.set('4XX', ['REQUEST_FAILED']);
  return byStatus;
}

const ERROR_BODY_SCHEMA = {
  type: 'object',
  description: 'Every error of the API (Open311 keeps its own): a stable code, its parameters, and a message in Chinese (English when Accept-Language prefers it)',
  required: ['statusCode', 'error', 'message', 'code'],
  properties: {
    statusCode: { type: 'integer', example: 409 },
    error: { type: 'string', example: 'Conflict' },
    message: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, description: 'validation: one entry per offending field' }],
      example: '工单 20261203-0001 当前为“待签收”，无法派单（仅限“已登记”或“已退单”状态）',
    },
    code: { type: 'string', enum: [...ERROR_CODES], example: 'TICKET_STATUS_CONFLICT' },
    details: {
      type: 'object',
      additionalProperties: true,
      description: 'the parameters: field and label, fields (one per offending field), status, from, action, version, role, roles, limit, reason (the original English words)',
      example: { no: '20261203-0001', action: 'dispatch', status: 'dispatched', from: ['registered', 'returned'] },
    },
  },
};

/**
 * Makes the generated document one a client generator can trust: security on every operation (public ones say so),
 * a server, and every 4xx/503 each operation can answer with the codes it carries (also as x-error-codes).
 */
export function documentErrors(doc: OpenAPIObject, factsOf: (operationId: string | undefined) => HandlerFacts | undefined): OpenAPIObject {
  doc.servers = [{ url: '/', description: 'this service (REST under /api/v1)' }];
  doc.info.license ??= { name: 'Proprietary' };
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.ErrorBody = ERROR_BODY_SCHEMA;
  doc.security = [{ bearer: [] }];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!WRITES.has(method) && method !== 'get') continue;
      const op = raw as Operation;
      const facts = factsOf(op.operationId);
      if (facts?.public && !op.security?.length) op.security = [];
      op.summary ??= op.operationId
        ?.replace(/^.*_/, '')
        .replace(/([A-Z])/g, ' $1')
        .toLowerCase();
      const codes = errorCodesOf(method, path, op, facts);
      for (const [status, list] of codes) {
        const existing = op.responses[status];
        const description = `${REASON[status] ?? 'Error'}: ${list.join(', ')}`;
        op.responses[status] = {
          ...existing,
          description: existing ? `${existing.description} (${list.join(', ')})` : description,
          content: {
            'application/json': {
              schema: { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { type: 'object', properties: { code: { type: 'string', enum: list } } }] },
            },
          },
        };
      }
      op['x-error-codes'] = [...codes.values()].flat();
    }
  }
  return doc;
}

/** The facts of every controller method, by the operationId Nest's Swagger gives it (`<Controller>_<method>`). */
export function handlerFacts(app: INestApplication): (operationId: string | undefined) => HandlerFacts | undefined {
  const facts = new Map<string, HandlerFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
      if (!cls?.prototype) continue;
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const meta = <T>(k: string): T | undefined => Reflect.getMetadata(k, handler) ?? Reflect.getMetadata(k, cls);
        facts.set(`${cls.name}_${key}`, {
          public: meta<boolean>(IS_PUBLIC) === true,
          roles: (meta<unknown[]>(ROLES_KEY)?.length ?? 0) > 0,
          codes: meta<ErrorCode[]>(ERROR_CODES_KEY) ?? [],
        });
      }
    }
  }
  return (id) => (id ? facts.get(id) : undefined);
}

/** The OpenAPI document at /api/docs-json. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('12345 hotline API')
    .setDescription(
      'Tickets from call to callback, with SLA deadlines. Contract: shared/docs/api-contract.md. Every error is { statusCode, error, message, code, details }: ' +
        'the code is stable, the message Chinese unless Accept-Language prefers English; each operation lists its codes (x-error-codes).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-CTI-Signature', description: 'HMAC-SHA256 of the timestamp and body with CTI_SECRET (with X-CTI-Timestamp)' },
      'ctiSignature',
    )
    .build();
  return documentErrors(SwaggerModule.createDocument(app, config), handlerFacts(app));
}

const ROUTES = new WeakMap<INestApplication, string[]>();

/** Remembers every route the HTTP server gets from here on (`GET /api/v1/tickets/:id`), so tests can hold the document to all of them. */
export function recordRoutes(app: INestApplication): void {
  const routes: string[] = [];
  ROUTES.set(app, routes);
  const fastify = app.getHttpAdapter().getInstance() as { addHook(name: 'onRoute', fn: (r: { method: string | string[]; url: string }) => void): void };
  fastify.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routes.push(`${m} ${r.url}`);
  });
}

export function registeredRoutes(app: INestApplication): string[] {
  return [...(ROUTES.get(app) ?? [])];
}
