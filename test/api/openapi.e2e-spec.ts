import { ERROR_CODES, ERROR_STATUS } from '@hotline/contracts';
import { registeredRoutes } from '../../apps/api/src/platform/http/openapi';
import { startTestApp, type TestApp } from '../support/test-app';

/** /api/docs-json is a document a client generator can trust (Redocly's lint runs in npm test: scripts/openapi-lint.mjs). */
let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.req('GET', '/api/docs-json')).body;
}, 120_000);
afterAll(() => t?.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document', () => {
  it('has every route of the JSON API (Open311, /metrics, the queue board and the console have their own)', () => {
    const documented = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = registeredRoutes(t.app).filter((r) => /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\//.test(r));
    expect(served.length).toBeGreaterThan(60);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.includes(r))).toEqual([]);
  });

  it('has a server, and every operation a summary and a security requirement (public ones an empty one)', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const { path, method, op } of operations()) {
      expect({ path, method, summary: typeof op.summary === 'string' && op.summary.length > 3 }).toEqual({ path, method, summary: true });
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.security).toEqual([]);
    expect(doc.paths['/api/v1/cti/events'].post.security).toEqual([{ ctiSignature: [] }]);
  });

  it('lists, on every operation, the error codes it can answer, each under its status with the error body', () => {
    for (const { path, method, op } of operations()) {
      const codes: string[] = op['x-error-codes'];
      expect({ path, method, codes: Array.isArray(codes) && codes.length > 0 }).toEqual({ path, method, codes: true });
      for (const c of codes) expect(ERROR_CODES).toContain(c);
      const statuses = Object.keys(op.responses).filter((s) => /^[45]/.test(s));
      expect(statuses.some((s) => s.startsWith('4'))).toBe(true);
      for (const s of statuses) {
        const schema = op.responses[s].content['application/json'].schema;
        expect(schema.allOf[0]).toEqual({ $ref: '#/components/schemas/ErrorBody' });
        for (const c of schema.allOf[1].properties.code.enum) if (s !== '4XX') expect(String(ERROR_STATUS[c as keyof typeof ERROR_STATUS])).toBe(s);
      }
    }
    const dispatch = doc.paths['/api/v1/tickets/{id}/dispatch'].post['x-error-codes'];
    expect(dispatch).toEqual(expect.arrayContaining(['TICKET_STATUS_CONFLICT', 'VERSION_CONFLICT', 'FORBIDDEN_ROLE', 'TICKET_NOT_FOUND', 'FIELD_REQUIRED', 'REFERENCE_NOT_FOUND']));
    expect(doc.paths['/api/v1/auth/login'].post['x-error-codes']).toEqual(expect.arrayContaining(['LOGIN_FAILED', 'RATE_LIMITED', 'ACCOUNT_LOCKED']));
    expect(doc.components.schemas.ErrorBody.required).toEqual(['statusCode', 'error', 'message', 'code']);
  });
});
