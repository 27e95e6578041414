import { XMLParser } from 'fast-xml-parser';
import { drive, startTestApp, type TestApp } from '../support/test-app';

/**
 * GeoReport v2 (http://wiki.open311.org/GeoReport_v2) element by element, in both formats, as a partner's client reads
 * it: every answer parsed with a real XML parser (and checked for characters XML 1.0 forbids, which that parser lets
 * through), every field the standard names present with the standard's shape. Runs without PUBLIC_URL.
 */
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await startTestApp();
  key = (await t.req('POST', '/api/v1/open311/keys', { token: await t.token('admin'), body: { name: '一致性测试' } })).body.key;
});
afterAll(() => t.close());

type Fmt = 'json' | 'xml';
const FORMATS: Fmt[] = ['json', 'xml'];
// lists are lists even with one member, as a client's own mapping would declare them
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'request_update', 'attribute'].includes(name) });
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

async function call(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
  const res = await fetch(
    `${t.url}/open311/v2${path}`,
    form ? { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() } : { method },
  );
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (path.split('?')[0].endsWith('.xml')) {
    expect(type).toBe('text/xml'); // discovery's formats, exactly (validators compare them)
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(ILLEGAL.test(text)).toBe(false);
    const { '?xml': _decl, ...doc } = parser.parse(text);
    expect(Object.keys(doc)).toHaveLength(1); // one root element
    return { status: res.status, body: doc as Record<string, any> };
  }
  expect(type).toBe('application/json');
  return { status: res.status, body: JSON.parse(text) };
}
/** The list of items of an answer in either format: a JSON array, or the XML root's item elements. */
const items = (fmt: Fmt, body: any, root: string, item: string): any[] => (fmt === 'json' ? body : (body[root]?.[item] ?? []));
const text = (fmt: Fmt, v: string | number | boolean | null) => (fmt === 'json' ? v : v === null ? '' : String(v));

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'].sort();
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe.each(FORMATS)('GeoReport v2 in %s', (fmt) => {
  let id: string;

  it('discovery: changeset, contact, key_service and endpoints with specification, url, changeset, type, formats', async () => {
    const { status, body } = await call('GET', `/discovery.${fmt}`);
    expect(status).toBe(200);
    const d = fmt === 'json' ? body : body.discovery;
    expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    const endpoints = fmt === 'json' ? d.endpoints : d.endpoints.endpoint;
    expect(endpoints).toHaveLength(1);
    const e = endpoints[0];
    expect(Object.keys(e).sort()).toEqual(['changeset', 'formats', 'specification', 'type', 'url']);
    expect(e).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
    expect(['production', 'test']).toContain(e.type);
    expect(fmt === 'json' ? e.formats : e.formats.format).toEqual(['text/xml', 'application/json']);
    // no PUBLIC_URL: a relative URL, never the Host header (here 127.0.0.1:<port>)
    expect(e.url).toBe('/open311/v2/');
  });

  it('services: a list of services, each with the standard fields; keywords a comma-separated string', async () => {
    const { status, body } = await call('GET', `/services.${fmt}`);
    expect(status).toBe(200);
    const list = items(fmt, body, 'services', 'service');
    expect(list.length).toBe(78);
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual(SERVICE_FIELDS);
      expect(text(fmt, s.metadata)).toBe(text(fmt, false));
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
      expect(typeof s.keywords).toBe('string');
    }
  });

  it('service definition: one service_definition with service_code and attributes', async () => {
    const { status, body } = await call('GET', `/services/complaint.urban.${fmt}`);
    expect(status).toBe(200);
    if (fmt === 'json') expect(body).toEqual({ service_code: 'complaint.urban', attributes: [] });
    else expect(body).toEqual({ service_definition: { service_code: 'complaint.urban', attributes: '' } });
  });

  it('POST requests (form body): service_request_id, service_notice, account_id', async () => {
    const { status, body } = await call('POST', `/requests.${fmt}`, {
      api_key: key,
      jurisdiction_id: 'hz.gov.cn',
      service_code: 'complaint.urban',
      lat: '30.25',
      long: '120.16',
      address_string: '延安路100号',
      address_id: '',
      email: 'citizen@example.org',
      device_id: 'dev-1',
      account_id: '',
      first_name: '丽',
      last_name: '王',
      phone: '13800138000',
      description: `${fmt}: 深夜施工噪音扰民`,
      media_url: 'https://photos.example.org/noise.jpg',
    });
    expect(status).toBe(201);
    const [r] = items(fmt, body, 'service_requests', 'request');
    expect(Object.keys(r).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(r.service_request_id).toMatch(/^\d+$/);
    id = r.service_request_id;
  });

  it('GET requests/{id} and GET requests?service_request_id: every field of a service request', async () => {
    for (const path of [`/requests/${id}.${fmt}`, `/requests.${fmt}?service_request_id=${id}`]) {
      const { status, body } = await call('GET', path);
      expect(status).toBe(200);
      const [r] = items(fmt, body, 'service_requests', 'request');
      expect(Object.keys(r).sort()).toEqual(REQUEST_FIELDS);
      expect(r).toMatchObject({
        service_request_id: id,
        status: 'open',
        service_code: 'complaint.urban',
        description: `${fmt}: 深夜施工噪音扰民`,
        address: '延安路100号',
        lat: text(fmt, 30.25),
        long: text(fmt, 120.16),
        media_url: 'https://photos.example.org/noise.jpg',
        agency_responsible: expect.any(String),
      });
      for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(r[f]).toMatch(W3C);
    }
  });

  it('GET requests with each filter: service_code, status, start_date, end_date', async () => {
    const ids = async (q: string) => items(fmt, (await call('GET', `/requests.${fmt}?${q}`)).body, 'service_requests', 'request').map((r: any) => r.service_request_id);
    expect(await ids('service_code=complaint.urban')).toContain(id);
    expect(await ids('service_code=help.utilities')).not.toContain(id);
    expect(await ids('status=open')).toContain(id);
    expect(await ids('status=closed')).not.toContain(id);
    expect(await ids('status=open,closed')).toContain(id);
    expect(await ids(`start_date=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`)).toContain(id);
    expect(await ids(`end_date=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`)).not.toContain(id);
    expect(await ids('start_date=2026-01-01T00:00:00%2B08:00&end_date=2030-01-01T00:00:00%2B08:00&jurisdiction_id=hz.gov.cn')).toContain(id);
  });

  it('status follows the ticket: closed, with status_notes', async () => {
    await drive(t, Number(id), [
      ['accept', 'h-urban'],
      ['reply', 'h-urban', { reply: '已责令停工整改。' }],
      ['callback', 'agent', { satisfaction: 'satisfied' }],
    ]);
    const [r] = items(fmt, (await call('GET', `/requests/${id}.${fmt}`)).body, 'service_requests', 'request');
    expect(r).toMatchObject({ status: 'closed', status_notes: '已责令停工整改。' });
  });

  it('GET tokens/{token}: service_request_id and token', async () => {
    const { status, body } = await call('GET', `/tokens/${id}.${fmt}`);
    expect(status).toBe(200);
    expect(items(fmt, body, 'service_requests', 'request')).toEqual([{ service_request_id: id, token: id }]);
  });

  it('errors: a list of errors, each with code and description, with the HTTP status', async () => {
    const cases: Array<[method: 'GET' | 'POST', path: string, form: Record<string, string> | undefined, code: number]> = [
      ['POST', `/requests.${fmt}`, { service_code: 'help.utilities', address_string: 'x' }, 403],
      ['POST', `/requests.${fmt}`, { api_key: 'o311_wrong', service_code: 'help.utilities', address_string: 'x' }, 403],
      ['POST', `/requests.${fmt}`, { api_key: key, address_string: 'x' }, 400],
      ['POST', `/requests.${fmt}`, { api_key: key, service_code: 'help.utilities' }, 400],
      ['GET', `/services/help.nowhere.${fmt}`, undefined, 404],
      ['GET', `/requests/99999999.${fmt}`, undefined, 404],
      ['GET', `/tokens/nothing.${fmt}`, undefined, 404],
      ['GET', `/requests.${fmt}?status=pending`, undefined, 400],
      ['GET', `/requests.${fmt}?start_date=yesterday`, undefined, 400],
      ['GET', `/no/such/thing.${fmt}`, undefined, 404],
    ];
    for (const [method, path, form, code] of cases) {
      const { status, body } = await call(method, path, form);
      expect([path, status]).toEqual([path, code]);
      const errs = items(fmt, body, 'errors', 'error');
      expect(errs).toEqual([{ code: text(fmt, code), description: expect.any(String) }]);
    }
  });
});
