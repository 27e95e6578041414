import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { request as httpRequest } from 'node:http';
import { drive, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let key: string;
const PUBLIC_URL = 'https://12345.example.gov.cn/';
beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL });
  const res = await t.req('POST', '/api/v1/open311/keys', { token: await t.token('admin'), body: { name: 'FixMyStreet 测试' } });
  expect(res.status).toBe(201);
  key = res.body.key;
});
afterAll(() => t.close());

const base = () => `${t.url}/open311/v2`;
const get = async (path: string) => {
  const res = await fetch(`${base()}${path}`);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
};
const postForm = async (path: string, form: Record<string, string>) => {
  const res = await fetch(`${base()}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const text = await res.text();
  return { status: res.status, text, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
};
const parseXml = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true);
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return new XMLParser({ parseTagValue: false }).parse(text);
};
// GeoReport v2's fields of a service request (http://wiki.open311.org/GeoReport_v2)
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

describe('discovery and services', () => {
  it('discovery is one object with its endpoints, each naming the specification and both formats', async () => {
    const json = await get('/discovery.json');
    expect(json.status).toBe(200);
    expect(json.json).toEqual({
      changeset: expect.any(String),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://12345.example.gov.cn/open311/v2/',
          changeset: expect.any(String),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    const xml = parseXml((await get('/discovery.xml')).text);
    expect(Object.keys(xml.discovery).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(xml.discovery.endpoints.endpoint).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: 'https://12345.example.gov.cn/open311/v2/',
      type: 'production',
      formats: { format: ['text/xml', 'application/json'] },
    });
  });

  it('discovery names the configured PUBLIC_URL, never the Host header a client sent', async () => {
    const { port } = new URL(t.url);
    const body = await new Promise<string>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/open311/v2/discovery.json', headers: { host: 'evil.example' } }, (res) => {
        let text = '';
        res.on('data', (b) => (text += b));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    expect(body).not.toContain('evil.example');
    expect(JSON.parse(body).endpoints[0].url).toBe('https://12345.example.gov.cn/open311/v2/');
  });

  it('services: every request type of every department, with the standard fields, in JSON and XML', async () => {
    const json = await get('/services.json');
    expect(json.type).toMatch(/application\/json/);
    expect(json.json).toHaveLength(13 * 6);
    for (const s of json.json) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      expect(s.service_code).toMatch(/^(consultation|help|complaint|report|suggestion|praise)\.[a-z]+$/);
      expect(s.type).toBe('realtime');
      expect(s.metadata).toBe(false);
    }
    expect(json.json.find((s: any) => s.service_code === 'help.utilities')).toMatchObject({ service_name: '水电气公用事业·求助', group: '水电气公用事业' });
    const xml = await get('/services.xml');
    expect(xml.type).toMatch(/text\/xml/);
    const parsed = parseXml(xml.text);
    expect(parsed.services.service).toHaveLength(78);
    expect(parsed.services.service[0]).toHaveProperty('service_code');
    expect(parsed.services.service[0].keywords).toMatch(/,/);
    // JSON keywords are the standard's comma-separated string, like XML's
    expect(json.json.find((s: any) => s.service_code === 'help.utilities').keywords).toBe('水电气公用事业,求助');
  });

  it('a service definition, and 404 in the standard error format for an unknown one', async () => {
    expect((await get('/services/help.utilities.json')).json).toEqual({ service_code: 'help.utilities', attributes: [] });
    const definition = parseXml((await get('/services/help.utilities.xml')).text);
    expect(Object.keys(definition).filter((k) => k !== '?xml')).toEqual(['service_definition']);
    expect(definition.service_definition).toEqual({ service_code: 'help.utilities', attributes: '' });
    const missing = await get('/services/help.nowhere.json');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual([{ code: 404, description: 'service_code help.nowhere not found' }]);
    const xml = await get('/services/help.nowhere.xml');
    expect(xml.status).toBe(404);
    expect(parseXml(xml.text).errors.error).toEqual({ code: '404', description: 'service_code help.nowhere not found' });
    expect((await get('/services.html')).status).toBe(404);
  });
});

describe('a request from a civic app, to closed', () => {
  it('is submitted, becomes a dispatched ticket, and its status follows the ticket to closed with the reply', async () => {
    const res = await postForm('/requests.json', {
      api_key: key,
      service_code: 'help.utilities',
      lat: '30.274085',
      long: '120.155070',
      address_string: '杭州市幸福路88号',
      description: '小区门口消防栓漏水，已经一整天了。',
      first_name: '明',
      last_name: '张',
      email: 'zhang@example.com',
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), service_notice: expect.stringMatching(/^已受理，工单号 \d{8}-\d{6}$/), account_id: null }]);
    const id = Number(res.json[0].service_request_id);
    // it is a ticket like any other: dispatched to the service's department, on the consoles
    const tk = (await t.req('GET', `/api/v1/tickets/${id}`, { token: await t.token('agent') })).body;
    expect(tk).toMatchObject({ status: 'dispatched', category: 'help', departmentId: t.dept('utilities'), callerName: '张明', callerPhone: '', address: '杭州市幸福路88号' });
    const [[row]] = await t.sql.query<any[]>('SELECT source, lat, lng FROM tickets WHERE id = ?', [id]);
    expect([row.source, Number(row.lat), Number(row.lng)]).toEqual(['open311', 30.274085, 120.15507]);

    let r = (await get(`/requests/${id}.json`)).json[0];
    expect(Object.keys(r).sort()).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({
      service_request_id: String(id),
      status: 'open',
      status_notes: null,
      service_code: 'help.utilities',
      agency_responsible: '水电气公用事业',
      lat: 30.274085,
      long: 120.15507,
      expected_datetime: tk.dueAt,
    });

    await drive(t, id, [
      ['accept', 'h-utilities'],
      ['reply', 'h-utilities', { reply: '已派员关闭阀门并更换消防栓。' }],
    ]);
    r = (await get(`/requests/${id}.json`)).json[0];
    expect(r).toMatchObject({ status: 'open', status_notes: '已派员关闭阀门并更换消防栓。' });
    await drive(t, id, [['callback', 'agent', { satisfaction: 'satisfied' }]]);
    r = (await get(`/requests/${id}.json`)).json[0];
    expect(r.status).toBe('closed');
    const xml = parseXml((await get(`/requests/${id}.xml`)).text);
    expect(xml.service_requests.request).toMatchObject({ service_request_id: String(id), status: 'closed', status_notes: '已派员关闭阀门并更换消防栓。' });
    expect((await get(`/tokens/${id}.json`)).json).toEqual([{ service_request_id: String(id), token: String(id) }]);

    // FixMyStreet's updates: the reply and the close flow back to the app; the citizen's follow-up reaches the record
    const updates = (await get(`/servicerequestupdates.json?api_key=${encodeURIComponent(key)}`)).json.filter((u: any) => u.service_request_id === String(id));
    expect(updates.map((u: any) => [u.status, u.description])).toEqual([
      ['OPEN', '已派员关闭阀门并更换消防栓。'],
      ['CLOSED', '回访满意，工单办结'],
    ]);
    const follow = await postForm('/servicerequestupdates.json', { api_key: key, service_request_id: String(id), description: '谢谢，已经修好了。', update_id: 'fms-77' });
    expect(follow.status).toBe(200);
    expect(follow.json).toEqual([{ update_id: expect.stringMatching(/^\d+$/) }]);
    const trail = (await t.req('GET', `/api/v1/tickets/${id}/events`, { token: await t.token('agent') })).body;
    expect(trail.at(-1)).toMatchObject({ action: 'citizen_update', data: { description: '谢谢，已经修好了。', updateId: 'fms-77' } });
  });

  it('lists requests by id, status, service and dates, and never the ones taken by phone or a report’s text', async () => {
    const a = (await postForm('/requests.json', { api_key: key, service_code: 'complaint.urban', address_string: '解放路1号', description: '夜间施工噪音扰民。' })).json[0]
      .service_request_id;
    const b = (await postForm('/requests.json', { api_key: key, service_code: 'report.market', lat: '30.1', long: '120.2', description: '某店销售过期食品。' })).json[0]
      .service_request_id;
    const byPhone = await t.newTicket({ content: '电话受理的工单' });
    const list = (await get(`/requests.json?service_request_id=${a},${b},${byPhone.id}`)).json;
    expect(list.map((r: any) => r.service_request_id).sort()).toEqual([a, b].sort());
    expect(list.find((r: any) => r.service_request_id === b).description).toBeNull();
    expect((await get('/requests.json?service_code=complaint.urban')).json.map((r: any) => r.service_request_id)).toEqual([a]);
    expect((await get('/requests.json?status=closed')).json.every((r: any) => r.status === 'closed')).toBe(true);
    expect((await get('/requests.json?start_date=2000-01-01T00:00:00Z&end_date=2000-01-02T00:00:00Z')).json).toEqual([]);
    const all = (await get('/requests.json')).json.map((r: any) => r.service_request_id);
    expect(all).toEqual(expect.arrayContaining([a, b]));
    expect(all).not.toContain(String(byPhone.id));
    expect((await get(`/requests/${byPhone.id}.json`)).status).toBe(404);
  });
});

describe('errors in the standard’s format', () => {
  it('403 for a missing, wrong or revoked api_key; 400 for what is missing or malformed; nothing is created', async () => {
    const [[{ n: before }]] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM tickets WHERE source = 'open311'");
    const ok = { api_key: key, service_code: 'help.utilities', address_string: '幸福路1号', description: '路灯不亮。' };
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ ...ok, api_key: '' }, 403, /api_key is required/],
      [{ ...ok, api_key: 'o311_wrong' }, 403, /api_key is not valid/],
      [{ ...ok, service_code: '' }, 400, /service_code is required/],
      [{ ...ok, service_code: 'help.mars' }, 404, /not found/],
      [{ ...ok, address_string: '' }, 400, /a location is required/],
      [{ ...ok, lat: '91', long: '120' }, 400, /lat and long/],
      [{ ...ok, lat: '30' }, 400, /lat and long/],
      [{ ...ok, description: 'x'.repeat(5001) }, 400, /description/],
    ];
    for (const [form, status, why] of cases) {
      const res = await postForm('/requests.json', form);
      expect([form, res.status]).toEqual([form, status]);
      expect(res.json).toEqual([{ code: status, description: expect.stringMatching(why) }]);
    }
    const xml = await postForm('/requests.xml', { ...ok, api_key: 'o311_wrong' });
    expect(xml.status).toBe(403);
    expect(parseXml(xml.text).errors.error.code).toBe('403');
    expect((await get('/requests.json?status=maybe')).json).toEqual([{ code: 400, description: 'status must be open or closed, or both comma-separated' }]);
    expect((await get('/requests.json?start_date=yesterday')).status).toBe(400);
    expect((await get('/servicerequestupdates.json')).status).toBe(403);
    expect((await postForm('/servicerequestupdates.json', { api_key: key, service_request_id: '999999', description: 'x' })).status).toBe(404);
    expect((await postForm('/servicerequestupdates.json', { api_key: key, service_request_id: '1' })).status).toBe(400);
    // a revoked key stops working at once
    const admin = await t.token('admin');
    const other = (await t.req('POST', '/api/v1/open311/keys', { token: admin, body: { name: '另一个应用' } })).body;
    expect((await postForm('/requests.json', { ...ok, api_key: other.key })).status).toBe(201);
    expect((await t.req('DELETE', `/api/v1/open311/keys/${other.id}`, { token: admin })).body.revokedAt).not.toBeNull();
    expect((await postForm('/requests.json', { ...ok, api_key: other.key })).status).toBe(403);
    const [[{ n: after }]] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM tickets WHERE source = 'open311'");
    expect(Number(after)).toBe(Number(before) + 1);
  });

  it('keys are an admin’s business, and never shown again', async () => {
    // the account Open311 tickets are registered under cannot sign in
    expect((await t.req('POST', '/api/v1/auth/login', { body: { username: 'open311', password: 'anything-at-all' } })).status).toBe(401);
    expect((await t.req('POST', '/api/v1/open311/keys', { token: await t.token('supervisor'), body: { name: 'x' } })).status).toBe(403);
    const list = (await t.req('GET', '/api/v1/open311/keys', { token: await t.token('admin') })).body;
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(list)).not.toContain(key);
    const [[row]] = await t.sql.query<any[]>('SELECT key_hash FROM open311_keys ORDER BY id LIMIT 1');
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    // forms are Open311's: a form body sent to the JSON API is refused as the contract says (415), creating nothing
    const res = await fetch(`${t.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${await t.token('agent')}` },
      body: 'content=x',
    });
    expect(res.status).toBe(415);
    expect(JSON.stringify(await res.json())).toMatch(/Content-Type/);
  });
});

describe('what a confidential request publishes (issue 16, 6)', () => {
  const secretFields = ['description', 'status_notes', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];

  it('a report: neither its words, the reply, the address, the place nor the photo, in any read and either format', async () => {
    const res = await postForm('/requests.json', {
      api_key: key,
      service_code: 'report.market',
      lat: '30.2741',
      long: '120.1551',
      address_string: '解放西路120号某餐馆',
      description: '后厨使用过期食材，举报人是隔壁店主。',
      media_url: 'https://photos.example.org/kitchen.jpg',
      first_name: '举报人',
      phone: '13912340001',
    });
    expect(res.status).toBe(201);
    const id = res.json[0].service_request_id;
    await drive(t, Number(id), [
      ['accept', 'h-market'],
      ['reply', 'h-market', { reply: '已约谈该餐馆负责人并责令整改，罚款五千元。' }],
    ]);
    const single = (await get(`/requests/${id}.json`)).json[0];
    const listed = (await get(`/requests.json?service_request_id=${id}`)).json[0];
    const byFilter = (await get('/requests.json?service_code=report.market')).json.find((r: any) => r.service_request_id === id);
    for (const r of [single, listed, byFilter]) {
      expect(r).toMatchObject({ service_request_id: id, status: 'open', service_code: 'report.market' });
      for (const f of secretFields) expect([f, r[f]]).toEqual([f, null]);
    }
    for (const path of [`/requests/${id}.xml`, `/requests.xml?service_request_id=${id}`]) {
      const text = (await get(path)).text;
      for (const secret of ['过期食材', '罚款', '解放西路', '30.2741', '120.1551', 'kitchen.jpg', '举报人', '13912340001'])
        expect([path, text]).toEqual([path, expect.not.stringContaining(secret)]);
      const r = parseXml(text).service_requests.request;
      for (const f of secretFields) expect([f, r[f]]).toEqual([f, '']);
    }
    // nor the departments' updates FixMyStreet republishes
    const updates = (await get(`/servicerequestupdates.json?api_key=${encodeURIComponent(key)}`)).json.filter((u: any) => u.service_request_id === id);
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates)).not.toContain('罚款');
  });

  it('a request made confidential later (reclassified as a report) stops publishing at once', async () => {
    const id = (await postForm('/requests.json', { api_key: key, service_code: 'help.market', address_string: '人民路5号', description: '超市卖假货，我是店员。' })).json[0]
      .service_request_id;
    expect((await get(`/requests/${id}.json`)).json[0]).toMatchObject({ description: '超市卖假货，我是店员。', address: '人民路5号' });
    const tk = (await t.req('GET', `/api/v1/tickets/${id}`, { token: await t.token('agent') })).body;
    expect((await t.req('POST', `/api/v1/tickets/${id}/reclassify`, { token: await t.token('agent'), body: { category: 'report', version: tk.version } })).status).toBe(200);
    expect((await get(`/requests/${id}.json`)).json[0]).toMatchObject({ description: null, address: null, status_notes: null });
  });
});

describe('XML that every partner can parse (issue 16, 13)', () => {
  it('control characters and other characters XML 1.0 forbids never reach an XML answer', async () => {
    const res = await postForm('/requests.xml', {
      api_key: key,
      service_code: 'help.urban',
      address_string: '中山路\u00001号',
      description: '井盖\u0000缺失\u0007\u001b[31m，\uFFFF很危险\u000b。',
    });
    expect(res.status).toBe(201);
    const id = parseXml(res.text).service_requests.request.service_request_id;
    await drive(t, Number(id), [
      ['accept', 'h-urban'],
      ['reply', 'h-urban', { reply: '已补装\u0000井盖\u0008。' }],
    ]);
    for (const path of [`/requests/${id}.xml`, '/requests.xml', `/servicerequestupdates.xml?api_key=${encodeURIComponent(key)}`]) {
      const xml = await get(path);
      expect([path, xml.status]).toEqual([path, 200]);
      expect([path, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml.text)]).toEqual([path, false]);
      parseXml(xml.text);
    }
    const r = parseXml((await get(`/requests/${id}.xml`)).text).service_requests.request;
    expect(r).toMatchObject({ description: '井盖缺失[31m，很危险。', address: '中山路1号', status_notes: '已补装井盖。' });
  });
});

describe('GeoReport v2 as clients use it (issue 16, 18)', () => {
  it('status and service_code take comma-separated lists; empty optional arguments are absent', async () => {
    const a = (
      await postForm('/requests.json', {
        api_key: key,
        service_code: 'suggestion.transport',
        address_string: '西湖大道2号',
        description: '建议增加公交班次。',
        lat: '',
        long: '',
        phone: '',
        email: '',
        media_url: '',
        address_id: '',
      })
    ).json;
    expect(a).toEqual([{ service_request_id: expect.any(String), service_notice: expect.any(String), account_id: null }]);
    const b = (await postForm('/requests.json', { api_key: key, service_code: 'praise.transport', address_string: '西湖大道3号', description: '司机态度很好。' })).json[0]
      .service_request_id;
    await drive(t, Number(b), [
      ['accept', 'h-transport'],
      ['reply', 'h-transport', { reply: '已转达表扬。' }],
      ['callback', 'agent', { satisfaction: 'satisfied' }],
    ]);
    const ids = (q: string) =>
      get(`/requests.json?${q}`).then((r) => {
        expect([q, r.status]).toEqual([q, 200]);
        return r.json.map((x: any) => x.service_request_id);
      });
    expect(await ids('service_code=suggestion.transport,praise.transport')).toEqual([b, a[0].service_request_id]);
    expect(await ids('service_code=suggestion.transport,praise.transport&status=open,closed')).toEqual([b, a[0].service_request_id]);
    expect(await ids('service_code=suggestion.transport,praise.transport&status=closed')).toEqual([b]);
    expect(await ids('service_code=suggestion.transport,praise.transport&status=open')).toEqual([a[0].service_request_id]);
    expect(await ids('service_code=suggestion.transport&status=&start_date=&end_date=&service_request_id=&jurisdiction_id=')).toEqual([a[0].service_request_id]);
    expect((await get('/requests.json?service_code=suggestion.transport,help.mars')).status).toBe(404);
    expect((await get('/requests.json?status=open,maybe')).status).toBe(400);
  });

  it('media_url is kept on the ticket and published; address_id alone is a location', async () => {
    const res = await postForm('/requests.json', {
      api_key: key,
      service_code: 'help.urban',
      address_id: 'HZ-330106-0042',
      description: '路灯不亮。',
      media_url: 'https://photos.example.org/lamp.jpg',
    });
    expect(res.status).toBe(201);
    const id = res.json[0].service_request_id;
    const [[row]] = await t.sql.query<any[]>('SELECT media_url, address_id, address FROM tickets WHERE id = ?', [id]);
    expect(row).toMatchObject({ media_url: 'https://photos.example.org/lamp.jpg', address_id: 'HZ-330106-0042' });
    expect(row.address).toContain('HZ-330106-0042');
    expect((await get(`/requests/${id}.json`)).json[0]).toMatchObject({ media_url: 'https://photos.example.org/lamp.jpg', address_id: 'HZ-330106-0042' });
    expect(parseXml((await get(`/requests/${id}.xml`)).text).service_requests.request.media_url).toBe('https://photos.example.org/lamp.jpg');
    expect((await postForm('/requests.json', { api_key: key, service_code: 'help.urban', address_id: 'x', media_url: 'javascript:alert(1)' })).status).toBe(400);
  });

  it('a client joining the discovery URL and a path with its own slash (//services.xml) is answered', async () => {
    const res = await get('//services.xml');
    expect(res.status).toBe(200);
    expect(parseXml(res.text).services.service).toHaveLength(78);
    expect((await get('//requests.json')).status).toBe(200);
  });

  it('unknown Open311 paths answer in the standard error format of the extension asked for', async () => {
    const json = await get('/nothing-here.json');
    expect([json.status, json.type]).toEqual([404, expect.stringMatching(/application\/json/)]);
    expect(json.json).toEqual([{ code: 404, description: expect.any(String) }]);
    const xml = await get('/services/help.utilities/extra.xml');
    expect([xml.status, xml.type]).toEqual([404, expect.stringMatching(/text\/xml/)]);
    expect(parseXml(xml.text).errors.error).toEqual({ code: '404', description: expect.any(String) });
    const bare = await get('/');
    expect(bare.status).toBe(404);
    expect(bare.json).toEqual([{ code: 404, description: expect.any(String) }]);
    const wrongMethod = await fetch(`${base()}/services.xml`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(404);
    expect(parseXml(await wrongMethod.text()).errors.error.code).toBe('404');
  });
});

describe('phones from abroad (issue 16, 19)', () => {
  it('a phone number that is not a Chinese one is kept as given in a note, and the request is accepted', async () => {
    const res = await postForm('/requests.json', {
      api_key: key,
      service_code: 'consultation.civil',
      address_string: '湖滨路7号',
      description: '外籍人士如何办理居住登记？',
      first_name: 'John',
      last_name: 'Smith',
      phone: '+44 20 7946 0958',
    });
    expect(res.status).toBe(201);
    const tk = (await t.req('GET', `/api/v1/tickets/${res.json[0].service_request_id}`, { token: await t.token('agent') })).body;
    expect(tk.callerPhone).toBe('');
    expect(tk.callerName).toContain('+44 20 7946 0958');
    expect(tk.callerName).toContain('John');
    // a Chinese number is the caller's phone as before
    const cn = await postForm('/requests.json', {
      api_key: key,
      service_code: 'consultation.civil',
      address_string: '湖滨路7号',
      description: '户口迁移需要什么材料？',
      phone: '+86 138 1234 5678',
    });
    expect((await t.req('GET', `/api/v1/tickets/${cn.json[0].service_request_id}`, { token: await t.token('agent') })).body.callerPhone).toBe('13812345678');
  });
});

describe('form bodies (issue 16, 12)', () => {
  it('Open311 POST routes take application/x-www-form-urlencoded, and a POST elsewhere under Open311 answers in its format', async () => {
    const res = await postForm('/requests.xml', { api_key: key, service_code: 'help.utilities', address_string: '幸福路3号', description: '停电了。' });
    expect(res.status).toBe(201);
    const id = parseXml(res.text).service_requests.request.service_request_id;
    const update = await postForm('/servicerequestupdates.xml', {
      api_key: key,
      service_request_id: id,
      description: '还是没电。',
      updated_datetime: new Date().toISOString(),
      status: 'OPEN',
    });
    expect(update.status).toBe(200);
    expect(parseXml(update.text).service_request_updates.request_update.update_id).toMatch(/^\d+$/);
    const token = await postForm(`/tokens/${id}.json`, { api_key: key });
    expect(token.status).toBe(404);
    expect(token.json).toEqual([{ code: 404, description: expect.any(String) }]);
    expect((await get(`/tokens/${id}.json`)).json).toEqual([{ service_request_id: id, token: id }]);
  });
});
