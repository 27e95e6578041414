import type { TicketDto, TicketEventDto } from '@hotline/contracts';
import { drive, startTestApp, type TestApp } from '../support/test-app';

// One SLA hour is 10 s here (a 12 h ticket is due 2 minutes after intake), so no timer fires during these tests; deadlines are checked to the millisecond.
const SPH = 10;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: String(SPH) });
});
afterAll(() => t.close());

const ms = (iso: string) => new Date(iso).getTime();
async function trail(id: number): Promise<TicketEventDto[]> {
  const res = await t.req('GET', `/api/v1/tickets/${id}/events`, { token: await t.token('supervisor') });
  expect(res.status).toBe(200);
  return res.body;
}
const moves = (events: TicketEventDto[]) => events.map((e) => `${e.action}:${e.fromStatus ?? '-'}>${e.toStatus ?? '-'}`);

describe('registration', () => {
  it('registers a call with the contract fields, a readable unique number and a deadline from its urgency', async () => {
    const before = Date.now();
    const tk = await t.register({ urgency: 'urgent', callerPhone: '138 0013 8000' });
    expect(tk).toMatchObject({
      status: 'registered',
      urgency: 'urgent',
      category: 'help',
      callerPhone: '13800138000',
      confidential: false,
      departmentId: null,
      slaState: 'on_track',
      breachedAt: null,
      repliedAt: null,
      closedAt: null,
      satisfaction: null,
      version: 1,
    });
    expect(tk.no).toMatch(/^\d{8}-\d{6}$/);
    expect(tk.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(ms(tk.createdAt)).toBeGreaterThanOrEqual(before - 5);
    expect(ms(tk.dueAt) - ms(tk.createdAt)).toBe(4 * SPH * 1000);
    const get = await t.req('GET', `/api/v1/tickets/${tk.id}`, { token: await t.token('agent') });
    // registration also answers what the service understood of the call; the ticket itself is the same
    const { classification, possibleDuplicates, hotspotId, ...ticket } = tk;
    expect(Object.keys(classification as object)).toEqual(['urgency', 'departments', 'matters', 'model']);
    expect(possibleDuplicates).toEqual([]);
    expect(hotspotId).toBeNull();
    expect(get.body).toEqual(ticket);
  });

  it('classifies a missing urgency by the rules and says so, with the reasons, in the audit trail', async () => {
    const tk = await t.newTicket({ urgency: undefined });
    expect(tk.urgency).toBe('normal');
    expect(ms(tk.dueAt) - ms(tk.createdAt)).toBe(12 * SPH * 1000);
    const [create] = await trail(tk.id);
    expect(create).toMatchObject({ action: 'create', fromStatus: null, toStatus: 'registered', actorRole: 'agent', data: { urgency: 'normal', urgencySource: 'classified' } });
    expect((create.data.urgencyReasons as string[])[0]).toContain('普通');
    const chosen = await t.newTicket({ urgency: 'normal' });
    expect((await trail(chosen.id))[0].data.urgencySource).toBe('chosen');
  });

  it('dispatches at once when a department is given, recording both steps', async () => {
    const tk = await t.newTicket({ departmentId: t.dept('housing') });
    expect(tk).toMatchObject({ status: 'dispatched', departmentId: t.dept('housing') });
    expect(moves(await trail(tk.id))).toEqual(['create:->registered', 'dispatch:registered>dispatched']);
  });

  it('keeps a report caller confidential even when the form said otherwise', async () => {
    const tk = await t.newTicket({ category: 'report', confidential: false });
    expect(tk.confidential).toBe(true);
  });

  it('hands out distinct numbers to concurrent registrations', async () => {
    const many = await Promise.all(Array.from({ length: 25 }, () => t.newTicket()));
    expect(new Set(many.map((x) => x.no)).size).toBe(25);
  });
});

describe('a ticket’s life, path by path', () => {
  it('resolve on the call: registered -> closed with the answer', async () => {
    const tk = await t.newTicket();
    const done = await drive(t, tk.id, [['resolve', 'agent', { reply: '已告知办理流程' }]]);
    expect(done).toMatchObject({ status: 'closed', reply: '已告知办理流程', version: 2 });
    expect(done.closedAt).not.toBeNull();
    expect(done.repliedAt).toBe(done.closedAt);
    expect(moves(await trail(tk.id))).toEqual(['create:->registered', 'resolve:registered>closed']);
  });

  it('dispatch, accept, reply, satisfied callback: closed with satisfaction, every step in order', async () => {
    const tk = await t.newTicket();
    const housing = t.dept('housing');
    const d = await drive(t, tk.id, [['dispatch', 'agent', { departmentId: housing, note: '请尽快处理' }]]);
    expect(d).toMatchObject({ status: 'dispatched', departmentId: housing, version: 2 });
    const a = await drive(t, tk.id, [['accept', 'h-housing']]);
    expect(a).toMatchObject({ status: 'accepted', version: 3 });
    const r = await drive(t, tk.id, [['reply', 'h-housing', { reply: '路灯已修复' }]]);
    expect(r).toMatchObject({ status: 'replied', reply: '路灯已修复', version: 4 });
    expect(r.repliedAt).not.toBeNull();
    expect(r.dueAt).toBe(tk.dueAt); // a reply stops the clock; the deadline stays what it was
    const c = await drive(t, tk.id, [['callback', 'agent', { satisfaction: 'satisfied', note: '市民表示满意' }]]);
    expect(c).toMatchObject({ status: 'closed', satisfaction: 'satisfied', version: 5 });

    const events = await trail(tk.id);
    expect(moves(events)).toEqual(['create:->registered', 'dispatch:registered>dispatched', 'accept:dispatched>accepted', 'reply:accepted>replied', 'callback:replied>closed']);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const ats = events.map((e) => ms(e.at));
    expect(ats).toEqual([...ats].sort((x, y) => x - y));
    expect(events[1]).toMatchObject({ actorRole: 'agent', data: { departmentId: housing, note: '请尽快处理' } });
    expect(events[2].actorRole).toBe('handler');
    expect(events[3].data).toMatchObject({ reply: '路灯已修复', onTime: true });
    expect(events[4].data).toMatchObject({ satisfaction: 'satisfied', note: '市民表示满意' });
    const handler = (await t.req('POST', '/api/v1/auth/login', { body: { username: 'h-housing', password: 'demo12345' } })).body.user;
    expect(events[2].actorId).toBe(handler.id);
  });

  it('return and re-dispatch: the returning department lets go, another takes it', async () => {
    const tk = await t.newTicket({ departmentId: t.dept('housing') });
    const back = await drive(t, tk.id, [['return', 'h-housing', { reason: '属交通运输局职责' }]]);
    expect(back).toMatchObject({ status: 'returned', departmentId: null });
    const gone = await t.req('GET', `/api/v1/tickets/${tk.id}`, { token: await t.token('h-housing') });
    expect(gone.status).toBe(404);
    const again = await drive(t, tk.id, [
      ['dispatch', 'supervisor', { departmentId: t.dept('transport') }],
      ['accept', 'h-transport'],
    ]);
    expect(again).toMatchObject({ status: 'accepted', departmentId: t.dept('transport') });
    const events = await trail(tk.id);
    expect(moves(events)).toEqual([
      'create:->registered',
      'dispatch:registered>dispatched',
      'return:dispatched>returned',
      'dispatch:returned>dispatched',
      'accept:dispatched>accepted',
    ]);
    expect(events[2].data).toEqual({ departmentId: t.dept('housing'), reason: '属交通运输局职责' });
  });

  it('a handler may also return a ticket it has already accepted', async () => {
    const tk = await t.newTicket({ departmentId: t.dept('health') });
    const back = await drive(t, tk.id, [
      ['accept', 'h-health'],
      ['return', 'h-health', { reason: '非本部门' }],
    ]);
    expect(back.status).toBe('returned');
  });

  it('unsatisfied callback reopens to the same department with a new deadline counted from the callback', async () => {
    const tk = await t.newTicket({ urgency: 'extra_urgent', departmentId: t.dept('utilities') });
    await drive(t, tk.id, [
      ['accept', 'h-utilities'],
      ['reply', 'h-utilities', { reply: '已处理' }],
    ]);
    const before = Date.now();
    const reopened = await drive(t, tk.id, [['callback', 'agent', { satisfaction: 'unsatisfied', note: '问题仍未解决' }]]);
    expect(reopened).toMatchObject({
      status: 'dispatched',
      departmentId: t.dept('utilities'),
      satisfaction: 'unsatisfied',
      reopenCount: 1,
      repliedAt: null,
      closedAt: null,
      slaState: 'on_track',
    });
    const newDue = ms(reopened.dueAt);
    expect(newDue).toBeGreaterThanOrEqual(before + 2 * SPH * 1000 - 5);
    expect(newDue).toBeLessThanOrEqual(Date.now() + 2 * SPH * 1000);
    expect(newDue).toBeGreaterThan(ms(tk.dueAt));
    // the callback's line, then the 督查 order the service opens on it (contract: supervision and accountability)
    const [last, order] = (await trail(tk.id)).slice(-2);
    expect(order).toMatchObject({ action: 'supervise', actorRole: 'system', data: { kind: 'dissatisfaction', dueAt: reopened.dueAt } });
    expect(last).toMatchObject({
      action: 'callback',
      fromStatus: 'replied',
      toStatus: 'dispatched',
      data: { reopened: true, reopenCount: 1, satisfaction: 'unsatisfied', previousDueAt: tk.dueAt, dueAt: reopened.dueAt, previousReply: '已处理' },
    });
    // the department handles it again, and a satisfied callback closes it
    const closed = await drive(t, tk.id, [
      ['accept', 'h-utilities'],
      ['reply', 'h-utilities', { reply: '已彻底修复' }],
      ['callback', 'agent', { satisfaction: 'basically_satisfied' }],
    ]);
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied', reopenCount: 1 });
  });

  it('reclassify: a new urgency recomputes the deadline from intake; category changes are recorded', async () => {
    const tk = await t.newTicket({ urgency: 'normal' });
    const up = await drive(t, tk.id, [['reclassify', 'supervisor', { urgency: 'extra_urgent' }]]);
    expect(up.status).toBe('registered');
    expect(up.urgency).toBe('extra_urgent');
    expect(ms(up.dueAt) - ms(tk.createdAt)).toBe(2 * SPH * 1000);
    const cat = await drive(t, tk.id, [['reclassify', 'agent', { category: 'complaint' }]]);
    expect(cat).toMatchObject({ category: 'complaint', urgency: 'extra_urgent', dueAt: up.dueAt });
    const events = await trail(tk.id);
    expect(events[1]).toMatchObject({
      action: 'reclassify',
      fromStatus: 'registered',
      toStatus: 'registered',
      data: { urgency: { from: 'normal', to: 'extra_urgent' }, previousDueAt: tk.dueAt, dueAt: up.dueAt },
    });
    expect(events[2].data).toEqual({ category: { from: 'help', to: 'complaint' } });
  });

  it('reclassifying to a report makes the caller confidential', async () => {
    const tk = await t.newTicket({ category: 'complaint' });
    const r = await drive(t, tk.id, [['reclassify', 'agent', { category: 'report' }]]);
    expect(r.confidential).toBe(true);
  });

  it('urge leaves the status and counts the urges', async () => {
    const tk = await t.newTicket({ departmentId: t.dept('market') });
    const u = await drive(t, tk.id, [
      ['urge', 'supervisor', { note: '请加快办理' }],
      ['urge', 'agent'],
    ]);
    expect(u).toMatchObject({ status: 'dispatched', urgeCount: 2 });
    expect(moves(await trail(tk.id)).slice(-2)).toEqual(['urge:dispatched>dispatched', 'urge:dispatched>dispatched']);
  });

  it('refuses an action from a status it does not apply to with 409 naming the status, and records nothing', async () => {
    const tk = await t.newTicket();
    const res = await t.req('POST', `/api/v1/tickets/${tk.id}/callback`, { token: await t.token('agent'), body: { satisfaction: 'satisfied' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'TICKET_STATUS_CONFLICT', details: { status: 'registered', action: 'callback', from: ['replied'] } });
    expect(res.body.message).toMatch(/当前为“已登记”，无法回访（仅限“待回访”状态）/);
    const closed = await drive(t, tk.id, [['resolve', 'agent', { reply: '已答复' }]]);
    for (const [action, body] of [
      ['urge', {}],
      ['reclassify', { urgency: 'urgent' }],
      ['dispatch', { departmentId: 1 }],
      ['resolve', { reply: 'x' }],
    ] as const) {
      const r = await t.req('POST', `/api/v1/tickets/${tk.id}/${action}`, { token: await t.token('supervisor'), body });
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'TICKET_STATUS_CONFLICT', details: { status: 'closed', action } });
    }
    expect((await trail(tk.id)).length).toBe(2);
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}`, { token: await t.token('agent') })).body).toEqual(closed);
  });

  it('refuses a stale version with 409 and accepts the current one', async () => {
    const tk = await t.newTicket();
    const token = await t.token('agent');
    const stale = await t.req('POST', `/api/v1/tickets/${tk.id}/dispatch`, { token, body: { departmentId: 1, version: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { version: 7, currentVersion: 1 } });
    expect(stale.body.message).toMatch(/已被他人更新，现为“已登记”，请刷新后重试/);
    const ok = await t.req('POST', `/api/v1/tickets/${tk.id}/dispatch`, { token, body: { departmentId: 1, version: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
  });

  it('the audit trail cannot be edited or deleted, even with SQL', async () => {
    const tk = await t.newTicket();
    await expect(t.sql.query('UPDATE ticket_events SET action = ? WHERE ticket_id = ?', ['resolve', tk.id])).rejects.toThrow(/append-only/);
    await expect(t.sql.query('DELETE FROM ticket_events WHERE ticket_id = ?', [tk.id])).rejects.toThrow(/append-only/);
    expect((await trail(tk.id)).length).toBe(1);
  });
});

describe('list', () => {
  let mine: TicketDto[];
  beforeAll(async () => {
    const marker = `列表测试${Date.now()}`;
    mine = [];
    for (let i = 0; i < 7; i++) {
      mine.push(await t.newTicket({ content: `${marker} 第${i}件`, urgency: i % 2 ? 'urgent' : 'normal', departmentId: i < 3 ? t.dept('education') : undefined }));
    }
    (globalThis as any).marker = marker;
  });
  const q = () => encodeURIComponent((globalThis as any).marker);

  it('finds by text, newest first, in pages', async () => {
    const token = await t.token('agent');
    const p1 = await t.req('GET', `/api/v1/tickets?q=${q()}&pageSize=3&page=1`, { token });
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(p1.body.items.map((x: TicketDto) => x.id)).toEqual([mine[6].id, mine[5].id, mine[4].id]);
    const p3 = await t.req('GET', `/api/v1/tickets?q=${q()}&pageSize=3&page=3`, { token });
    expect(p3.body.items.map((x: TicketDto) => x.id)).toEqual([mine[0].id]);
    const p4 = await t.req('GET', `/api/v1/tickets?q=${q()}&pageSize=3&page=4`, { token });
    expect(p4.body).toMatchObject({ items: [], total: 7 });
  });

  it('filters by status, urgency, department and SLA state, combined', async () => {
    const token = await t.token('supervisor');
    const get = async (f: string) => (await t.req('GET', `/api/v1/tickets?q=${q()}&${f}`, { token })).body;
    expect((await get('status=dispatched')).total).toBe(3);
    expect((await get('status=registered')).total).toBe(4);
    expect((await get('urgency=urgent')).total).toBe(3);
    expect((await get(`departmentId=${t.dept('education')}`)).total).toBe(3);
    expect((await get(`departmentId=${t.dept('education')}&urgency=urgent`)).items.map((x: TicketDto) => x.id)).toEqual([mine[1].id]);
    expect((await get('slaState=on_track')).total).toBe(7);
    expect((await get('slaState=breached')).total).toBe(0);
    expect((await get('status=closed')).total).toBe(0);
  });

  it('finds a caller by phone number for the centre', async () => {
    const tk = await t.newTicket({ callerPhone: '0731-85551234' });
    const res = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent('0731-85551234')}`, { token: await t.token('agent') });
    expect(res.body.items.map((x: TicketDto) => x.id)).toContain(tk.id);
  });

  it('treats LIKE wildcards in the search text literally', async () => {
    const res = await t.req('GET', `/api/v1/tickets?q=${encodeURIComponent('%')}`, { token: await t.token('agent') });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });
});

describe('departments and health', () => {
  it('lists the 13 contract departments to any signed-in user', async () => {
    const res = await t.req('GET', '/api/v1/departments', { token: await t.token('h-health') });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(13);
    expect(res.body.find((d: any) => d.code === 'utilities')).toMatchObject({ name: '水电气公用事业' });
  });
  it('reports health without a token', async () => {
    const res = await t.req('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', mysql: 'up', redis: 'up' });
  });
  it('serves the OpenAPI document with every contract route', async () => {
    const res = await t.req('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    for (const p of ['/api/v1/auth/login', '/api/v1/tickets', '/api/v1/tickets/{id}/events', '/api/v1/tickets/{id}/callback', '/api/v1/departments', '/api/v1/health']) {
      expect(Object.keys(res.body.paths)).toContain(p);
    }
    expect((await fetch(`${t.url}/api/docs`)).status).toBe(200);
  });
  it('answers login with the user, and 401 for a wrong password or unknown user', async () => {
    const ok = await t.req('POST', '/api/v1/auth/login', { body: { username: 'h-health', password: 'demo12345' } });
    expect(ok.body.user).toMatchObject({ username: 'h-health', role: 'handler', departmentId: t.dept('health') });
    expect(ok.body.user.passwordHash).toBeUndefined();
    expect((await t.req('POST', '/api/v1/auth/login', { body: { username: 'h-health', password: 'nope12345' } })).status).toBe(401);
    expect((await t.req('POST', '/api/v1/auth/login', { body: { username: 'ghost', password: 'demo12345' } })).status).toBe(401);
  });
  it('stores passwords only as salted scrypt hashes', async () => {
    const [rows] = await t.sql.query<any[]>('SELECT password_hash FROM users');
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$/);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
  });
});
