import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let ticketId: number;
let snapshot: () => Promise<string>;
beforeAll(async () => {
  t = await startTestApp();
  ticketId = (await t.newTicket({ departmentId: t.dept('housing') })).id;
  // Everything a bad request could damage: the rows of every table, as text.
  snapshot = async () => {
    const out: unknown[] = [];
    for (const table of ['tickets', 'ticket_events', 'users', 'departments', 'ticket_sequences']) {
      const [rows] = await t.sql.query(`SELECT * FROM ${table} ORDER BY 1`);
      out.push(rows);
    }
    return JSON.stringify(out);
  };
});
afterAll(() => t.close());

const ok = { callerPhone: '13812345678', content: '正常内容' };
const INJECTION = "'; DROP TABLE tickets; --";
const SCRIPT = '<script>alert(1)</script>';

interface Case {
  name: string;
  method?: string;
  path?: string;
  as?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  /** The message must name this (a field or the problem). */
  names: RegExp;
}

const T = () => `/api/v1/tickets/${ticketId}`;
const cases: Case[] = [
  // registration: types, required fields, enums, unknown fields, sizes
  { name: 'missing callerPhone', body: { content: 'x' }, status: 400, names: /callerPhone/ },
  { name: 'missing content', body: { callerPhone: '13812345678' }, status: 400, names: /content/ },
  { name: 'empty body object', body: {}, status: 400, names: /callerPhone/ },
  { name: 'content empty', body: { ...ok, content: '' }, status: 400, names: /content/ },
  { name: 'content only spaces', body: { ...ok, content: '   \n ' }, status: 400, names: /content must not be blank/ },
  { name: 'content over 5000 chars', body: { ...ok, content: '水'.repeat(5001) }, status: 400, names: /content/ },
  { name: 'content a number', body: { ...ok, content: 42 }, status: 400, names: /content/ },
  { name: 'content an object', body: { ...ok, content: { a: 1 } }, status: 400, names: /content/ },
  { name: 'callerPhone too short', body: { ...ok, callerPhone: '12345' }, status: 400, names: /callerPhone/ },
  { name: 'callerPhone letters', body: { ...ok, callerPhone: 'abcdefghijk' }, status: 400, names: /callerPhone/ },
  { name: 'callerPhone a number type', body: { ...ok, callerPhone: 13812345678 }, status: 400, names: /callerPhone/ },
  { name: 'callerPhone foreign', body: { ...ok, callerPhone: '+1 415 555 0100' }, status: 400, names: /callerPhone/ },
  { name: 'callerPhone SQL injection', body: { ...ok, callerPhone: `138${INJECTION}` }, status: 400, names: /callerPhone/ },
  { name: 'callerName over 64', body: { ...ok, callerName: '王'.repeat(65) }, status: 400, names: /callerName/ },
  { name: 'callerName array', body: { ...ok, callerName: ['a'] }, status: 400, names: /callerName/ },
  { name: 'address over 255', body: { ...ok, address: '路'.repeat(256) }, status: 400, names: /address/ },
  { name: 'bad urgency', body: { ...ok, urgency: 'asap' }, status: 400, names: /urgency/ },
  { name: 'urgency in Chinese', body: { ...ok, urgency: '特急' }, status: 400, names: /urgency/ },
  { name: 'bad category', body: { ...ok, category: 'rant' }, status: 400, names: /category/ },
  { name: 'confidential as string', body: { ...ok, confidential: 'yes' }, status: 400, names: /confidential/ },
  { name: 'departmentId as string', body: { ...ok, departmentId: '3' }, status: 400, names: /departmentId/ },
  { name: 'departmentId negative', body: { ...ok, departmentId: -1 }, status: 400, names: /departmentId/ },
  { name: 'departmentId fractional', body: { ...ok, departmentId: 1.5 }, status: 400, names: /departmentId/ },
  { name: 'departmentId unknown', body: { ...ok, departmentId: 99 }, status: 400, names: /departmentId 99 is not a department/ },
  { name: 'departmentId beyond int', body: { ...ok, departmentId: 1e12 }, status: 400, names: /departmentId/ },
  { name: 'unknown field', body: { ...ok, priority: 'high' }, status: 400, names: /priority should not exist/ },
  { name: 'server-owned field status', body: { ...ok, status: 'closed' }, status: 400, names: /status should not exist/ },
  { name: 'server-owned field id', body: { ...ok, id: 1 }, status: 400, names: /id should not exist/ },
  { name: 'prototype pollution key', raw: `{"callerPhone":"13812345678","content":"x","__proto__":{"admin":true}}`, status: 400, names: /./ },
  { name: 'malformed JSON', raw: '{"callerPhone": "13812345678", ', status: 400, names: /JSON/ },
  { name: 'JSON array body', raw: '[1,2,3]', status: 400, names: /JSON object/ },
  { name: 'JSON string body', raw: '"hello"', status: 400, names: /JSON object/ },
  { name: 'JSON null body', raw: 'null', status: 400, names: /JSON object/ },
  { name: 'text/plain body', raw: 'callerPhone=138', headers: { 'content-type': 'text/plain' }, status: 415, names: /Content-Type/ },
  { name: 'form-encoded body', raw: 'callerPhone=13812345678&content=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, names: /Content-Type/ },
  {
    name: 'form-encoded login',
    method: 'POST',
    path: '/api/v1/auth/login',
    as: '',
    raw: 'username=agent&password=demo12345',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    names: /Content-Type/,
  },
  {
    name: 'multipart body',
    raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    status: 415,
    names: /Content-Type/,
  },
  { name: 'JSON nested 3,000 deep', raw: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, status: 400, names: /nested deeper than 32/ },
  {
    name: 'JSON arrays nested 3,000 deep in a field',
    raw: `{"callerPhone":"13812345678","content":${'['.repeat(3000)}${']'.repeat(3000)}}`,
    status: 400,
    names: /nested deeper than 32/,
  },
  {
    name: 'JSON nested 3,000 deep at sign-in',
    method: 'POST',
    path: '/api/v1/auth/login',
    as: '',
    raw: `{"username":${'['.repeat(3000)}${']'.repeat(3000)},"password":"x"}`,
    status: 400,
    names: /nested deeper than 32/,
  },
  {
    name: 'JSON nested 40 deep, brackets in strings not counted',
    raw: `{"callerPhone":"13812345678","content":"${'['.repeat(100)}","x":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
    status: 400,
    names: /nested deeper than 32/,
  },
  {
    name: 'JSON nested 5 deep (fine for the parser, refused by validation)',
    raw: `{"callerPhone":"13812345678","content":{"a":{"b":{"c":{"d":1}}}}}`,
    status: 400,
    names: /content/,
  },
  { name: 'unsupported media type', raw: '<a/>', headers: { 'content-type': 'application/xml' }, status: 415, names: /Content-Type/ },
  { name: 'oversize body (413)', body: { ...ok, content: 'x'.repeat(200_000) }, status: 413, names: /too large/ },
  // actions
  { name: 'dispatch without departmentId', path: `${'T'}/dispatch`, body: {}, status: 400, names: /departmentId/ },
  { name: 'dispatch to unknown department', path: 'T/dispatch', body: { departmentId: 4242 }, status: 400, names: /departmentId 4242/ },
  { name: 'return without reason', path: 'T/return', as: 'h-housing', body: {}, status: 400, names: /reason/ },
  { name: 'return with blank reason', path: 'T/return', as: 'h-housing', body: { reason: '  ' }, status: 400, names: /reason must not be blank/ },
  { name: 'reply without text', path: 'T/reply', as: 'h-housing', body: {}, status: 400, names: /reply/ },
  { name: 'callback bad satisfaction', path: 'T/callback', body: { satisfaction: 'meh' }, status: 400, names: /satisfaction/ },
  { name: 'resolve without reply', path: 'T/resolve', body: { reply: '' }, status: 400, names: /reply/ },
  { name: 'reclassify with nothing', path: 'T/reclassify', body: {}, status: 400, names: /urgency and\/or category/ },
  { name: 'reclassify bad urgency', path: 'T/reclassify', body: { urgency: 'yesterday' }, status: 400, names: /urgency/ },
  { name: 'version as string', path: 'T/urge', body: { version: '1' }, status: 400, names: /version/ },
  { name: 'version zero', path: 'T/urge', body: { version: 0 }, status: 400, names: /version/ },
  { name: 'urge note too long', path: 'T/urge', body: { note: 'x'.repeat(1001) }, status: 400, names: /note/ },
  { name: 'unknown action', path: 'T/delete', body: {}, status: 404, names: /./ },
  // ids
  { name: 'id not a number', method: 'GET', path: '/api/v1/tickets/abc', status: 400, names: /id must be a positive integer/ },
  { name: 'id zero', method: 'GET', path: '/api/v1/tickets/0', status: 400, names: /id/ },
  { name: 'id negative', method: 'GET', path: '/api/v1/tickets/-5', status: 400, names: /id/ },
  { name: 'id beyond int', method: 'GET', path: '/api/v1/tickets/99999999999', status: 400, names: /id/ },
  { name: 'id with SQL', method: 'GET', path: `/api/v1/tickets/${encodeURIComponent('1 OR 1=1')}`, status: 400, names: /id/ },
  { name: 'id absent', method: 'GET', path: '/api/v1/tickets/2000000000', status: 404, names: /ticket 2000000000 not found/ },
  { name: 'action on absent id', path: '/api/v1/tickets/2000000000/urge', body: {}, status: 404, names: /not found/ },
  // list queries
  { name: 'huge pageSize', method: 'GET', path: '/api/v1/tickets?pageSize=1000000', status: 400, names: /pageSize/ },
  { name: 'pageSize zero', method: 'GET', path: '/api/v1/tickets?pageSize=0', status: 400, names: /pageSize/ },
  { name: 'page not a number', method: 'GET', path: '/api/v1/tickets?page=two', status: 400, names: /page/ },
  { name: 'bad status filter', method: 'GET', path: '/api/v1/tickets?status=lost', status: 400, names: /status/ },
  { name: 'bad slaState filter', method: 'GET', path: '/api/v1/tickets?slaState=late', status: 400, names: /slaState/ },
  { name: 'status given twice', method: 'GET', path: '/api/v1/tickets?status=closed&status=replied', status: 400, names: /status/ },
  { name: 'q over 100 chars', method: 'GET', path: `/api/v1/tickets?q=${'x'.repeat(101)}`, status: 400, names: /q must/ },
  { name: 'unknown query parameter', method: 'GET', path: '/api/v1/tickets?sort=id', status: 400, names: /sort should not exist/ },
  // login
  { name: 'login without password', method: 'POST', path: '/api/v1/auth/login', as: '', body: { username: 'agent' }, status: 400, names: /password/ },
  {
    name: 'login with injection',
    method: 'POST',
    path: '/api/v1/auth/login',
    as: '',
    body: { username: INJECTION, password: 'x' },
    status: 401,
    names: /wrong username or password/,
  },
];

describe('bad input is refused with a clear 4xx and changes nothing', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await snapshot();
    const path = (c.path ?? '/api/v1/tickets').replace(/^T(?=\/)/, T());
    const token = c.as === '' ? undefined : await t.token(c.as ?? 'agent');
    const res = await t.req(c.method ?? 'POST', path, { token, body: c.body, raw: c.raw, headers: c.headers });
    expect(res.status).toBe(c.status);
    expect(typeof res.body).toBe('object');
    expect(res.body.statusCode).toBe(c.status);
    expect(JSON.stringify(res.body.details)).toMatch(c.names);
    expect(await snapshot()).toBe(before);
  });

  it('stores script and SQL text verbatim as data, never executing it', async () => {
    const tk = await t.newTicket({ content: `${SCRIPT} ${INJECTION}`, callerName: SCRIPT, address: INJECTION });
    const res = await t.req('GET', `/api/v1/tickets/${tk.id}`, { token: await t.token('agent') });
    expect(res.body).toMatchObject({ content: `${SCRIPT} ${INJECTION}`, callerName: SCRIPT, address: INJECTION });
    const [rows] = await t.sql.query<any[]>('SELECT COUNT(*) AS n FROM tickets');
    expect(rows[0].n).toBeGreaterThan(1);
    const search = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent(INJECTION)}`, { token: await t.token('agent') });
    expect(search.body.items.map((x: { id: number }) => x.id)).toEqual([tk.id]);
  });
});
