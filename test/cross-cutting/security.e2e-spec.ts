import { CONFIDENTIAL_MASK, ROLES, TICKET_ACTIONS, type TicketDto } from '@hotline/contracts';
import { mayTake } from '@hotline/domain';
import { sign } from 'jsonwebtoken';
import { drive, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const USER_OF_ROLE = { agent: 'agent', supervisor: 'supervisor', admin: 'admin', handler: 'h-housing', leader: 'leader' } as const;
const VALID_BODY: Record<string, object> = {
  dispatch: { departmentId: 4 },
  accept: {},
  return: { reason: '非本部门职责' },
  reply: { reply: '已处理' },
  callback: { satisfaction: 'satisfied' },
  resolve: { reply: '已答复' },
  urge: { note: '请加快' },
  reclassify: { urgency: 'urgent' },
  redirect: { departmentId: 5, reason: '改派测试' },
};

describe('authentication', () => {
  const routes: Array<[string, string]> = [
    ['GET', '/api/v1/departments'],
    ['POST', '/api/v1/tickets'],
    ['GET', '/api/v1/tickets'],
    ['GET', '/api/v1/tickets/1'],
    ['GET', '/api/v1/tickets/1/events'],
    ...TICKET_ACTIONS.map((a) => ['POST', `/api/v1/tickets/1/${a}`] as [string, string]),
  ];

  it.each(routes)('%s %s without a token -> 401 naming the problem', async (method, path) => {
    const res = await t.req(method, path, { body: method === 'POST' ? {} : undefined });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '未登录或登录已失效，请重新登录' });
    expect(res.body.details?.reason).toMatch(/access token/);
  });

  it.each(routes)('%s %s with a forged, expired or malformed token -> 401', async (method, path) => {
    const forged = sign({ sub: 1, username: 'admin', role: 'admin', dept: null }, 'some-other-secret-0123456789', { expiresIn: 60 });
    const expired = sign({ sub: 1, username: 'agent', role: 'agent', dept: null, exp: Math.floor(Date.now() / 1000) - 10 }, t.env.JWT_SECRET);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":1,"role":"admin"}').toString('base64url')}.`;
    for (const token of [forged, expired, none, 'garbage']) {
      const res = await t.req(method, path, { token, body: method === 'POST' ? {} : undefined });
      expect(res.status).toBe(401);
    }
    const exp = await t.req(method, path, { token: expired });
    expect(exp.body).toMatchObject({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录', details: { reason: 'access token expired' } });
  });

  it('health and login need no token', async () => {
    expect((await t.req('GET', '/api/v1/health')).status).toBe(200);
    expect((await t.req('POST', '/api/v1/auth/login', { body: { username: 'agent', password: 'demo12345' } })).status).toBe(200);
  });
});

describe('roles', () => {
  const forbidden = TICKET_ACTIONS.flatMap((action) => ROLES.filter((r) => !mayTake(action, r)).map((role) => [action, role] as const));

  it.each(forbidden)('%s by %s -> 403, ticket untouched', async (action, role) => {
    const tk = await t.newTicket({ departmentId: t.dept('housing') });
    const res = await t.req('POST', `/api/v1/tickets/${tk.id}/${action}`, { token: await t.token(USER_OF_ROLE[role]), body: VALID_BODY[action] });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN_ROLE', details: { role } });
    expect(res.body.message).toMatch(/无权执行此操作/);
    const after = await t.req('GET', `/api/v1/tickets/${tk.id}`, { token: await t.token('agent') });
    expect(after.body).toEqual(tk);
  });

  it.each(['admin', 'h-housing'])('%s may not register tickets -> 403', async (user) => {
    const res = await t.req('POST', '/api/v1/tickets', { token: await t.token(user), body: { callerPhone: '13812345678', content: '测试' } });
    expect(res.status).toBe(403);
  });
});

describe('department isolation', () => {
  let other: TicketDto;
  let own: TicketDto;
  beforeAll(async () => {
    other = await t.newTicket({ departmentId: t.dept('transport'), content: '隔离测试：交通局的工单' });
    own = await t.newTicket({ departmentId: t.dept('housing'), content: '隔离测试：住建局的工单' });
  });

  it('another department’s ticket is 404 to read, to read the trail of, and to act on', async () => {
    const token = await t.token('h-housing');
    expect((await t.req('GET', `/api/v1/tickets/${other.id}`, { token })).status).toBe(404);
    expect((await t.req('GET', `/api/v1/tickets/${other.id}/events`, { token })).status).toBe(404);
    for (const action of ['accept', 'return', 'reply'] as const) {
      const res = await t.req('POST', `/api/v1/tickets/${other.id}/${action}`, { token, body: VALID_BODY[action] });
      expect(res.status).toBe(404);
    }
    const still = await t.req('GET', `/api/v1/tickets/${other.id}`, { token: await t.token('agent') });
    expect(still.body).toEqual(other);
  });

  it('a not-yet-dispatched ticket is invisible to every handler', async () => {
    const tk = await t.newTicket();
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}`, { token: await t.token('h-housing') })).status).toBe(404);
  });

  it('lists hold only the own department, whatever the filter asks', async () => {
    const token = await t.token('h-housing');
    const all = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent('隔离测试')}`, { token });
    expect(all.body.items.map((x: TicketDto) => x.id)).toEqual([own.id]);
    const asked = await t.req('GET', `/api/v1/tickets?departmentId=${t.dept('transport')}`, { token });
    expect(asked.body).toMatchObject({ items: [], total: 0 });
    const every = await t.req('GET', '/api/v1/tickets?pageSize=100', { token });
    expect(every.body.items.every((x: TicketDto) => x.departmentId === t.dept('housing'))).toBe(true);
  });

  it('after the transport handler takes its own ticket, the housing handler still cannot touch it', async () => {
    await drive(t, other.id, [['accept', 'h-transport']]);
    const res = await t.req('POST', `/api/v1/tickets/${other.id}/reply`, { token: await t.token('h-housing'), body: { reply: '越权答复' } });
    expect(res.status).toBe(404);
    const [rows] = await t.sql.query<any[]>('SELECT status, reply FROM tickets WHERE id = ?', [other.id]);
    expect(rows[0]).toEqual({ status: 'accepted', reply: null });
  });
});

describe('confidential callers', () => {
  let secret: TicketDto;
  beforeAll(async () => {
    secret = await t.newTicket({
      category: 'report',
      callerName: '举报人甲',
      callerPhone: '13912340000',
      content: '保密测试：举报某商户销售假冒商品',
      departmentId: t.dept('market'),
    });
  });

  it('the centre sees who called', async () => {
    const res = await t.req('GET', `/api/v1/tickets/${secret.id}`, { token: await t.token('supervisor') });
    expect(res.body).toMatchObject({ callerName: '举报人甲', callerPhone: '13912340000', confidential: true });
  });

  it('the department sees a mask in details, lists, action responses and the audit trail', async () => {
    const token = await t.token('h-market');
    const seen: unknown[] = [];
    const detail = await t.req('GET', `/api/v1/tickets/${secret.id}`, { token });
    expect(detail.body).toMatchObject({ callerName: CONFIDENTIAL_MASK, callerPhone: CONFIDENTIAL_MASK, content: secret.content });
    seen.push(detail.body);
    const list = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent('保密测试')}`, { token });
    expect(list.body.items).toHaveLength(1);
    seen.push(list.body);
    const accepted = await t.req('POST', `/api/v1/tickets/${secret.id}/accept`, { token, body: {} });
    expect(accepted.status).toBe(200);
    seen.push(accepted.body);
    const replied = await t.req('POST', `/api/v1/tickets/${secret.id}/reply`, { token, body: { reply: '已立案调查' } });
    seen.push(replied.body);
    seen.push((await t.req('GET', `/api/v1/tickets/${secret.id}/events`, { token })).body);
    const text = JSON.stringify(seen);
    expect(text).not.toContain('举报人甲');
    expect(text).not.toContain('13912340000');
    expect(text).not.toContain('1391234');
  });

  it('a department cannot find a confidential caller by searching the phone number or name', async () => {
    const token = await t.token('h-market');
    for (const q of ['13912340000', '举报人甲']) {
      const res = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`, { token });
      expect(res.body.total).toBe(0);
    }
  });
});

describe('confidential callers through the lookups and cursors (issue 20)', () => {
  let secret: TicketDto;
  let open: TicketDto;
  beforeAll(async () => {
    secret = await t.newTicket({
      category: 'report',
      callerName: '举报人丁',
      callerPhone: '13912343333',
      content: '索引保密测试：举报某工地偷排污水',
      address: '秘密路1号',
      departmentId: t.dept('environment'),
    });
    open = await t.newTicket({ callerPhone: '13912343333', content: '索引保密测试：公开的噪音投诉', departmentId: t.dept('environment') });
  });

  it('a department cannot find a confidential ticket by the phone filter, the caller’s name or the phone as words', async () => {
    const token = await t.token('h-environment');
    const byPhone = await t.req('GET', '/api/v1/tickets?phone=13912343333', { token });
    expect(byPhone.body.items.map((x: TicketDto) => x.id)).toEqual([open.id]);
    for (const q of ['举报人丁', '人丁', '13912343333', '139-1234-3333', '3333']) {
      const res = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`, { token });
      expect([q, res.body.items.map((x: TicketDto) => x.id)]).not.toEqual([q, expect.arrayContaining([secret.id])]);
    }
  });

  it('a department finds it by its words, number and id, masked, and the centre by anything', async () => {
    const token = await t.token('h-environment');
    for (const q of [`q=${encodeURIComponent('偷排污水')}`, `q=${secret.no}`, `no=${secret.no}`, `requestId=${secret.id}`]) {
      const res = await t.req('GET', `/api/v1/tickets?${q}`, { token });
      expect([q, res.body.items.map((x: TicketDto) => x.id)]).toEqual([q, [secret.id]]);
      expect(JSON.stringify(res.body)).not.toContain('13912343333');
    }
    const centre = await t.token('supervisor');
    for (const q of ['举报人丁', '13912343333']) {
      const res = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`, { token: centre });
      expect([q, res.body.items.map((x: TicketDto) => x.id)]).toEqual([q, expect.arrayContaining([secret.id])]);
    }
  });

  it('another department finds neither, by any lookup or cursor', async () => {
    const token = await t.token('h-market');
    for (const q of [`q=${encodeURIComponent('索引保密测试')}`, `no=${secret.no}`, `requestId=${secret.id}`, 'phone=13912343333', `cursor=c1.${(secret.id + 1).toString(36)}`]) {
      const res = await t.req('GET', `/api/v1/tickets?${q}`, { token });
      expect([q, res.status, res.body.items.some((x: TicketDto) => x.id === secret.id || x.id === open.id)]).toEqual([q, 200, false]);
    }
  });

  it('the caller history of a department leaves the confidential ticket out', async () => {
    const res = await t.req('GET', '/api/v1/callers/13912343333/tickets', { token: await t.token('h-environment') });
    expect(res.body.map((x: { ticketId: number }) => x.ticketId)).toEqual([open.id]);
  });
});

describe('confidential words in other tickets’ trails', () => {
  const identity = ['举报人乙', '13700001111', '1370000', '13700001111'.slice(-8), '假发票'];

  it('merging a confidential report into a department’s ticket leaves the department nothing of the report but its number', async () => {
    const original = await t.newTicket({ content: '合并测试：东风路垃圾清运不及时', departmentId: t.dept('urban') });
    const report = await t.newTicket({ category: 'report', callerName: '举报人乙', callerPhone: '13700001111', content: '我是举报人乙，电话13700001111，东风路某饭店开假发票' });
    const merged = await t.req('POST', `/api/v1/tickets/${report.id}/merge`, { token: await t.token('agent'), body: { intoId: original.id } });
    expect(merged.status).toBe(200);
    const trail = await t.req('GET', `/api/v1/tickets/${original.id}/events`, { token: await t.token('h-urban') });
    expect(trail.status).toBe(200);
    const line = trail.body.find((e: any) => e.action === 'duplicate_merged');
    expect(line.data).toMatchObject({ duplicateId: report.id, duplicateNo: report.no });
    const text = JSON.stringify(trail.body);
    for (const s of identity) expect(text).not.toContain(s);
  });

  it('also for trail lines written before (a confidential ticket’s text already quoted in another trail)', async () => {
    const original = await t.newTicket({ content: '合并测试：建设路噪音扰民', departmentId: t.dept('urban') });
    const report = await t.newTicket({ category: 'report', callerName: '举报人乙', callerPhone: '13700001111', content: '举报人乙（13700001111）反映：建设路工地开假发票' });
    await t.sql.query(
      "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'duplicate_merged', 'dispatched', 'dispatched', 1, 'agent', NOW(3), ?)",
      [original.id, JSON.stringify({ duplicateId: report.id, duplicateNo: report.no, content: report.content })],
    );
    const trail = await t.req('GET', `/api/v1/tickets/${original.id}/events`, { token: await t.token('h-urban') });
    const text = JSON.stringify(trail.body);
    for (const s of identity) expect(text).not.toContain(s);
    // the centre still reads it all
    const centre = await t.req('GET', `/api/v1/tickets/${original.id}/events`, { token: await t.token('supervisor') });
    expect(JSON.stringify(centre.body)).toContain('举报人乙');
  });
});

describe('test support', () => {
  it('t.token signs each user in once, however many callers ask at the same moment', async () => {
    const tokens = await Promise.all(Array.from({ length: 60 }, () => t.token('h-hrss')));
    expect(new Set(tokens).size).toBe(1);
    const [[{ n }]] = (await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM auth_events WHERE username = 'h-hrss' AND kind = 'login_ok'")) as any;
    expect(Number(n)).toBe(1);
  });
});

describe('phone numbers inside a confidential ticket’s words', () => {
  let secret: TicketDto;
  beforeAll(async () => {
    secret = await t.newTicket({
      category: 'report',
      callerName: '举报人丙',
      callerPhone: '13912342222',
      content: '举报人丙反映：请回拨 138-0000-2222 或 +86 139 1234 2222，某店销售过期食品',
      departmentId: t.dept('market'),
    });
    await drive(t, secret.id, [['urge', 'agent', { note: '举报人要求回电 (0755) 2345-6789' }]]);
  });

  it('the department sees them masked in the ticket, its reply and its trail; the centre sees them', async () => {
    const token = await t.token('h-market');
    const seen: unknown[] = [];
    seen.push((await t.req('GET', `/api/v1/tickets/${secret.id}`, { token })).body);
    seen.push((await t.req('POST', `/api/v1/tickets/${secret.id}/accept`, { token, body: {} })).body);
    const replied = await t.req('POST', `/api/v1/tickets/${secret.id}/reply`, { token, body: { reply: '已按 138 0000 2222 联系举报人核实' } });
    expect(replied.status).toBe(200);
    seen.push(replied.body);
    seen.push((await t.req('GET', `/api/v1/tickets/${secret.id}/events`, { token })).body);
    seen.push((await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent('过期食品')}`, { token })).body);
    const text = JSON.stringify(seen);
    expect(text).toContain('过期食品');
    for (const s of ['0000-2222', '0000 2222', '1234 2222', '2345-6789', '00002222', '13912342222']) expect(text).not.toContain(s);
    const centre = await t.req('GET', `/api/v1/tickets/${secret.id}`, { token: await t.token('supervisor') });
    expect(centre.body.content).toContain('138-0000-2222');
  });

  it('a department’s search does not find a confidential ticket by the numbers or name hidden in it', async () => {
    const token = await t.token('h-market');
    for (const q of ['138-0000-2222', '0000-2222', '13800002222', '2222', '举报人丙']) {
      const res = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`, { token });
      expect([q, res.body.total]).toEqual([q, 0]);
    }
    const centre = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent('138-0000-2222')}`, { token: await t.token('supervisor') });
    expect(centre.body.items.map((x: TicketDto) => x.id)).toContain(secret.id);
  });
});
