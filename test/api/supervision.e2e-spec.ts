import type { SupervisionDto, TicketDto, TicketEventDto } from '@hotline/contracts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../apps/api/src/platform/events/domain-events';
import { SlaBatcher } from '../../apps/api/src/sla/sla-batcher';
import { SupervisionOrders } from '../../apps/api/src/supervision/supervision-orders.repository';
import { connected, liveClient } from '../support/live';
import { drive, startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

// One SLA hour is 1 s: 特急 is due 2 s after intake, its tracker's follow-up (30 min) 0.5 s after the last one, a 特急
// order (supervisionHours 1) 1 s after it is given; 普通 is due 12 s after intake, its orders 4 s. The sweeper runs every second.
const SPH = 1;
let t: TestApp;
const heard: Array<{ name: string; ticketId: number; at: number }> = [];
beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: String(SPH) });
  const bus = t.app.get(DomainEvents);
  for (const name of ['follow_up.due', 'supervision.opened', 'supervision.updated'] as const) bus.on(name, (p) => void heard.push({ name, ticketId: p.ticketId, at: Date.now() }));
}, 120_000); // a fresh database, migrations and the demo seed take long on a machine busy with other work
afterAll(() => t.close());

const ms = (iso: string) => new Date(iso).getTime();
const as = async (user: string) => ({ token: await t.token(user) });
async function get(id: number, user = 'supervisor'): Promise<TicketDto> {
  return (await t.req('GET', `/api/v1/tickets/${id}`, await as(user))).body;
}
async function trail(id: number): Promise<TicketEventDto[]> {
  return (await t.req('GET', `/api/v1/tickets/${id}/events`, await as('supervisor'))).body;
}
async function orders(ticketId: number, user = 'supervisor'): Promise<SupervisionDto[]> {
  const res = await t.req('GET', `/api/v1/supervisions?ticketId=${ticketId}`, await as(user));
  expect(res.status).toBe(200);
  return res.body.items;
}
async function userId(username: string): Promise<number> {
  const [rows] = await t.sql.query<any[]>('SELECT id FROM users WHERE username = ?', [username]);
  return Number(rows[0].id);
}

describe('named tracker (跟踪人) and follow-ups', () => {
  it('a 特急 ticket is tracked by the registering agent; a missed follow-up alerts on time, a follow-up resets the interval', async () => {
    const agentId = await userId('agent');
    const live = liveClient(t.url, await t.token('agent'));
    const dept = liveClient(t.url, await t.token('h-utilities'));
    await Promise.all([connected(live), connected(dept)]);
    try {
      const tk = await t.newTicket({ urgency: 'extra_urgent', departmentId: t.dept('utilities') });
      expect(tk.trackerId).toBe(agentId);
      expect(ms(tk.followUpDueAt!) - ms(tk.createdAt)).toBe(0.5 * SPH * 1000);
      const created = await trail(tk.id);
      expect(created.find((e) => e.action === 'track')).toMatchObject({ actorId: agentId, data: { trackerId: agentId, automatic: true } });

      const missed = (
        await eventually(
          () => trail(tk.id),
          (e) => e.some((x) => x.action === 'follow_up_missed'),
          'the missed follow-up',
        )
      ).find((e) => e.action === 'follow_up_missed')!;
      expect(missed).toMatchObject({ actorRole: 'system', data: { trackerId: agentId, dueAt: tk.followUpDueAt } });
      expect(missed.data.lateMs as number).toBeGreaterThanOrEqual(0);
      expect(missed.data.lateMs as number).toBeLessThan(1500);
      await live.waitFor((e) => e.name === 'follow_up.due' && e.payload.ticketId === tk.id, 15_000, 'follow_up.due at the tracker');
      // the department does not hear the centre's own chase
      expect(dept.events.some((e) => e.name === 'follow_up.due')).toBe(false);
      expect(heard.filter((h) => h.name === 'follow_up.due' && h.ticketId === tk.id)).toHaveLength(1);

      const res = await t.req('POST', `/api/v1/tickets/${tk.id}/follow-ups`, { ...(await as('agent')), body: { note: '已电话联系水务公司，正在抢修', contact: 'department' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ticketId: tk.id, userId: agentId, contact: 'department', note: '已电话联系水务公司，正在抢修' });
      const after = await get(tk.id);
      expect(ms(after.followUpDueAt!)).toBeGreaterThan(ms(tk.followUpDueAt!));
      const list = (await t.req('GET', `/api/v1/tickets/${tk.id}/follow-ups`, await as('h-utilities'))).body;
      expect(list).toHaveLength(1);
      // the next interval is missed again, once
      await eventually(
        () => trail(tk.id),
        (e) => e.filter((x) => x.action === 'follow_up_missed').length === 2,
        'the second missed follow-up',
      );
      // the tracker's own list
      const mine = (await t.req('GET', `/api/v1/tickets?trackerId=${agentId}&pageSize=100`, await as('agent'))).body;
      expect(mine.items.map((x: TicketDto) => x.id)).toContain(tk.id);
    } finally {
      live.close();
      dept.close();
    }
  });

  it('a supervisor names another tracker; an agent may take a ticket only itself; others may not log follow-ups', async () => {
    const tk = await t.newTicket({ urgency: 'normal', departmentId: t.dept('housing') });
    expect(tk.trackerId).toBeNull();
    const supervisorId = await userId('supervisor');
    const agentId = await userId('agent');
    expect((await t.req('POST', `/api/v1/tickets/${tk.id}/track`, { ...(await as('agent')), body: { userId: supervisorId } })).status).toBe(403);
    const taken = await t.req('POST', `/api/v1/tickets/${tk.id}/track`, { ...(await as('agent')), body: { userId: agentId } });
    expect(taken.status).toBe(200);
    expect(taken.body.trackerId).toBe(agentId);
    const named = await t.req('POST', `/api/v1/tickets/${tk.id}/track`, { ...(await as('supervisor')), body: { userId: supervisorId } });
    expect(named.body.trackerId).toBe(supervisorId);
    // the agent is no longer the tracker
    const notTracker = await t.req('POST', `/api/v1/tickets/${tk.id}/follow-ups`, { ...(await as('agent')), body: { note: '回访市民', contact: 'citizen' } });
    expect(notTracker.status).toBe(403);
    expect(notTracker.body.code).toBe('NOT_TRACKER');
    expect(notTracker.body.message).toBe(`只有工单 ${tk.no} 的跟踪人或班长可以记录跟踪情况`);
    expect((await t.req('POST', `/api/v1/tickets/${tk.id}/follow-ups`, { ...(await as('h-housing')), body: { note: 'x', contact: 'citizen' } })).status).toBe(403);
    // a handler cannot be a tracker
    const bad = await t.req('POST', `/api/v1/tickets/${tk.id}/track`, { ...(await as('supervisor')), body: { userId: await userId('h-housing') } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('FIELD_INVALID');
    expect(bad.body.details.field).toBe('userId');
    expect((await trail(tk.id)).filter((e) => e.action === 'track').map((e) => e.data.trackerId)).toEqual([agentId, supervisorId]);
  });

  it('names the centre\u2019s people for every role: agents, supervisors and leaders, never a handler or the system; a deactivated one is kept, not active', async () => {
    const admin = await as('admin');
    const created = await t.req('POST', '/api/v1/users', { ...admin, body: { username: 'agent-gone', displayName: '话务员小赵', role: 'agent', password: 'Directory2026abc' } });
    expect(created.status).toBe(201);
    expect((await t.req('PATCH', `/api/v1/users/${created.body.id}`, { ...admin, body: { active: false, version: created.body.version } })).status).toBe(200);
    for (const user of ['agent', 'h-housing', 'supervisor', 'admin', 'leader']) {
      const res = await t.req('GET', '/api/v1/users/directory', await as(user));
      expect(res.status).toBe(200);
      const byName = new Map(res.body.map((u: any) => [u.displayName, u]));
      expect(byName.get('话务员小李')).toEqual({ id: await userId('agent'), displayName: '话务员小李', role: 'agent', active: true });
      expect(byName.get('班长王敏')).toMatchObject({ role: 'supervisor', active: true });
      expect(byName.get('分管领导陈刚')).toMatchObject({ role: 'leader', active: true });
      expect(byName.get('话务员小赵')).toMatchObject({ role: 'agent', active: false });
      expect(res.body.every((u: any) => ['agent', 'supervisor', 'leader'].includes(u.role))).toBe(true);
      expect(byName.has('系统管理员')).toBe(false);
      expect(byName.has('Open311 接口')).toBe(false);
      expect(Object.keys(res.body[0]).sort()).toEqual(['active', 'displayName', 'id', 'role']);
    }
    expect((await t.req('GET', '/api/v1/users/directory', {})).status).toBe(401);
  });
});

describe('督办 orders', () => {
  let tk: TicketDto;
  it('a breach opens one order; the reply makes it ready to close; closing records it; the old list shows the ticket once', async () => {
    tk = await t.newTicket({ urgency: 'extra_urgent', departmentId: t.dept('utilities') });
    await drive(t, tk.id, [['accept', 'h-utilities']]);
    const [order] = await eventually(
      () => orders(tk.id),
      (o) => o.length > 0,
      'the breach order',
    );
    const systemId = await userId('system');
    expect(order).toMatchObject({ kind: 'breach', level: 'centre', status: 'open', departmentId: t.dept('utilities') });
    const breached = await get(tk.id);
    expect(breached.breachCount).toBe(1);
    // its own deadline, not the ticket's: 1 SLA hour after the breach
    expect(ms(order.dueAt)).toBeGreaterThan(ms(breached.breachedAt!));
    const supervise = (await trail(tk.id)).filter((e) => e.action === 'supervise');
    expect(supervise).toHaveLength(1);
    expect(supervise[0]).toMatchObject({ actorId: systemId, actorRole: 'system', data: { supervisionId: order.id, kind: 'breach' } });
    // the department's inbox shows it; another department's does not
    expect((await orders(tk.id, 'h-utilities')).map((o) => o.id)).toEqual([order.id]);
    expect((await t.req('GET', '/api/v1/supervisions', await as('h-housing'))).body.items.some((o: SupervisionDto) => o.id === order.id)).toBe(false);
    const legacy = (await t.req('GET', '/api/v1/escalations', await as('supervisor'))).body.filter((e: { ticketId: number }) => e.ticketId === tk.id);
    expect(legacy).toHaveLength(1);

    await drive(t, tk.id, [['reply', 'h-utilities', { reply: '已抢修完毕，供水恢复。' }]]);
    const [answered] = await orders(tk.id);
    expect(answered).toMatchObject({ status: 'responded', readyToClose: true, response: '已抢修完毕，供水恢复。' });
    const closed = await t.req('POST', `/api/v1/supervisions/${order.id}/close`, { ...(await as('supervisor')), body: { note: '已核实' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeNote: '已核实' });
    expect(closed.body.closedAt).not.toBeNull();
    expect((await trail(tk.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['supervision_response', 'supervision_close']));
    expect((await t.req('GET', '/api/v1/escalations', await as('supervisor'))).body.some((e: { ticketId: number }) => e.ticketId === tk.id)).toBe(false);
    const again = await t.req('POST', `/api/v1/supervisions/${order.id}/close`, { ...(await as('supervisor')), body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SUPERVISION_STATUS_CONFLICT');
    expect(again.body.message).toBe(`督办单 ${order.id} 当前为“已办结”，无法督办办结`);
  });

  it('an unsatisfied callback opens a 督查 with the reopened deadline; the ticket still counts as having breached', async () => {
    const before = await get(tk.id);
    const reopened = await drive(t, tk.id, [['callback', 'agent', { satisfaction: 'unsatisfied', note: '水压仍然不足' }]]);
    expect(reopened).toMatchObject({ status: 'dispatched', slaState: 'on_track', breachCount: 1, breachedAt: before.breachedAt });
    const open = (await orders(tk.id)).filter((o) => o.status !== 'closed');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'dissatisfaction', level: 'centre', dueAt: reopened.dueAt, departmentId: t.dept('utilities') });
    // the daily report of unresolved problems counts it as overdue
    const report = (await t.req('GET', '/api/v1/reports/unresolved', await as('supervisor'))).body;
    const item = report.items.find((i: { ticketId: number }) => i.ticketId === tk.id);
    // (on a slow machine the reopened deadline may have passed too by now: a second breach, counted as such)
    expect(item.breachCount).toBeGreaterThanOrEqual(1);
    expect(report.overdue).toBeGreaterThanOrEqual(1);
  });

  it('an overdue order rises to the leaders with a new deadline, then is marked overdue there', async () => {
    const tk2 = await t.newTicket({ urgency: 'normal', departmentId: t.dept('housing') });
    const res = await t.req('POST', `/api/v1/tickets/${tk2.id}/supervisions`, { ...(await as('supervisor')), body: { level: 'centre', note: '请今日办结', hours: 0.5 } });
    expect(res.status).toBe(201);
    expect(ms(res.body.dueAt) - ms(res.body.createdAt)).toBe(500);
    const [up] = await eventually(
      () => orders(tk2.id),
      (o) => o[0]?.level === 'leader',
      'the order to rise to the leaders',
    );
    expect(ms(up.dueAt)).toBeGreaterThan(ms(res.body.dueAt));
    const line = (await trail(tk2.id)).find((e) => e.action === 'supervision_overdue')!;
    expect(line.data).toMatchObject({ supervisionId: res.body.id, level: { from: 'centre', to: 'leader' } });
    expect(line.data.lateMs as number).toBeLessThan(1500);
    const [overdue] = await eventually(
      () => orders(tk2.id),
      (o) => o[0]?.overdueAt !== null,
      'the leader-level order to be marked overdue',
      30_000,
    );
    expect(overdue.status).toBe('open');
    expect((await trail(tk2.id)).filter((e) => e.action === 'supervision_overdue')).toHaveLength(2);
  });

  it('orders falling due together rise in one transaction, each exactly once, with its line', async () => {
    const many = await Promise.all(Array.from({ length: 30 }, () => t.newTicket({ urgency: 'normal', departmentId: t.dept('housing') })));
    const token = await t.token('supervisor');
    // a long deadline, so that no timer fires during the test: the catch-up below records them, as after a Redis loss
    const created = await Promise.all(many.map((tk) => t.req('POST', `/api/v1/tickets/${tk.id}/supervisions`, { token, body: { level: 'centre', note: '限时办结', hours: 100 } })));
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const ids = created.map((r) => r.body.id as number);
    // the SLA sweeper's catch-up would otherwise find these orders due as well and record some first, in a
    // transaction of its own: hidden from it, they are this call's alone
    const orders = t.app.get(SupervisionOrders);
    const due = orders.due.bind(orders);
    const hidden = jest.spyOn(orders, 'due').mockImplementation(async (...args: Parameters<SupervisionOrders['due']>) => (await due(...args)).filter((o) => !ids.includes(o.id)));
    await t.sql.query('UPDATE supervisions SET due_at = NOW(3) - INTERVAL 1 SECOND WHERE id IN (?)', [ids]);
    const jobs = created.map((r) => ({ ticketId: r.body.ticketId as number, kind: 'order' as const, version: 1, orderId: r.body.id as number }));
    const db = t.app.get(DataSource);
    // only the transactions this call opens, told by its async context: the 30 tickets' understanding jobs run in the
    // same process meanwhile (5 transactions were counted once when every call was)
    const original = db.transaction.bind(db);
    const underTest = new AsyncLocalStorage<true>();
    let opened = 0;
    const transaction = jest.spyOn(db, 'transaction').mockImplementation(((...args: Parameters<DataSource['transaction']>) => {
      if (underTest.getStore()) opened++;
      return (original as (...a: unknown[]) => unknown)(...args);
    }) as never);
    try {
      expect(await underTest.run(true, () => t.app.get(SlaBatcher).recordMany('order', jobs, 'sweep'))).toBe(30);
      expect(opened).toBe(1);
      expect(await t.app.get(SlaBatcher).recordMany('order', jobs, 'sweep')).toBe(0); // exactly once
    } finally {
      transaction.mockRestore();
      hidden.mockRestore();
    }
    const [rows] = await t.sql.query<any[]>('SELECT level, deadline_version FROM supervisions WHERE id IN (?)', [ids]);
    expect(rows.every((r) => r.level === 'leader' && Number(r.deadline_version) === 2)).toBe(true);
    const [lines] = await t.sql.query<any[]>(
      "SELECT ticket_id, JSON_EXTRACT(data, '$.source') AS source FROM ticket_events WHERE action = 'supervision_overdue' AND ticket_id IN (?)",
      [many.map((tk) => tk.id)],
    );
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((r) => r.ticket_id)).size).toBe(30);
    expect(new Set(lines.map((r) => String(r.source).replace(/"/g, '')))).toEqual(new Set(['sweep']));
  });

  it('concurrent orders on one ticket: one is created, the others are 409', async () => {
    const tk3 = await t.newTicket({ urgency: 'normal', departmentId: t.dept('transport') });
    const token = await t.token('supervisor');
    const results = await Promise.all(Array.from({ length: 8 }, () => t.req('POST', `/api/v1/tickets/${tk3.id}/supervisions`, { token, body: { note: '并发督办' } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['SUPERVISION_OPEN_EXISTS']));
    const [rows] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM supervisions WHERE ticket_id = ? AND kind = 'manual'", [tk3.id]);
    expect(Number(rows[0].n)).toBe(1);
    expect((await trail(tk3.id)).filter((e) => e.action === 'supervise')).toHaveLength(1);
  });

  it('refuses other departments (404), wrong roles (403) and bad input (named 400)', async () => {
    const tk4 = await t.newTicket({ urgency: 'normal', departmentId: t.dept('education') });
    const created = await t.req('POST', `/api/v1/tickets/${tk4.id}/supervisions`, { ...(await as('supervisor')), body: {} });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.req('POST', `/api/v1/tickets/${tk4.id}/supervisions`, { ...(await as('agent')), body: {} })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/tickets/${tk4.id}/supervisions`, { ...(await as('h-education')), body: {} })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/supervisions/${id}/respond`, { ...(await as('h-housing')), body: { note: '收到' } })).status).toBe(404);
    expect((await t.req('GET', `/api/v1/supervisions/${id}`, await as('h-housing'))).status).toBe(404);
    expect((await t.req('GET', `/api/v1/tickets/${tk4.id}/follow-ups`, await as('h-housing'))).status).toBe(404);
    expect((await t.req('GET', `/api/v1/tickets/${tk4.id}/instructions`, await as('h-housing'))).status).toBe(404);
    expect((await t.req('POST', `/api/v1/supervisions/${id}/respond`, { ...(await as('supervisor')), body: { note: '收到' } })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/supervisions/${id}/close`, { ...(await as('agent')), body: {} })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/tickets/${tk4.id}/leader`, { ...(await as('agent')), body: { leaderId: 1 } })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/backlog/progress', await as('h-housing'))).status).toBe(403);
    const bad: Array<[string, string, object, string]> = [
      ['POST', `/api/v1/tickets/${tk4.id}/supervisions`, { level: 'mayor' }, 'level'],
      ['POST', `/api/v1/tickets/${tk4.id}/supervisions`, { hours: -1 }, 'hours'],
      ['POST', `/api/v1/tickets/${tk4.id}/follow-ups`, { note: '联系', contact: 'email' }, 'contact'],
      ['POST', `/api/v1/tickets/${tk4.id}/track`, { userId: 'me' }, 'userId'],
      ['POST', `/api/v1/tickets/${tk4.id}/redirect`, { departmentId: t.dept('housing') }, 'reason'],
      ['POST', `/api/v1/tickets/${tk4.id}/leader`, { leaderId: await userId('agent') }, 'leaderId'],
      ['GET', '/api/v1/supervisions?status=pending', {}, 'status'],
      ['GET', '/api/v1/backlog/progress?period=year', {}, 'period'],
      ['GET', '/api/v1/backlog/progress?date=2026-02-30', {}, 'date'],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await t.req(method, path, { ...(await as('supervisor')), ...(method === 'POST' ? { body } : {}) });
      expect([path, res.status]).toEqual([path, 400]);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const answered = await t.req('POST', `/api/v1/supervisions/${id}/respond`, { ...(await as('h-education')), body: { note: '已安排专人处理' } });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('responded');
    expect((await t.req('POST', `/api/v1/supervisions/${id}/respond`, { ...(await as('h-education')), body: { note: '再次反馈' } })).status).toBe(409);
  });
});

describe('改派 (redirect)', () => {
  it('moves the ticket to another department: the old one loses access and its live room at once, the due time stays', async () => {
    const tk = await t.newTicket({ urgency: 'normal', departmentId: t.dept('housing') });
    await drive(t, tk.id, [['accept', 'h-housing']]);
    const oldRoom = liveClient(t.url, await t.token('h-housing'));
    const newRoom = liveClient(t.url, await t.token('h-transport'));
    await Promise.all([connected(oldRoom), connected(newRoom)]);
    try {
      expect((await t.req('POST', `/api/v1/tickets/${tk.id}/redirect`, { ...(await as('agent')), body: { departmentId: t.dept('transport'), reason: '改派' } })).status).toBe(403);
      expect((await t.req('POST', `/api/v1/tickets/${tk.id}/redirect`, { ...(await as('supervisor')), body: { departmentId: t.dept('housing'), reason: '改派' } })).status).toBe(
        400,
      );
      const res = await t.req('POST', `/api/v1/tickets/${tk.id}/redirect`, {
        ...(await as('supervisor')),
        body: { departmentId: t.dept('transport'), reason: '属交通运输局职责' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'dispatched', departmentId: t.dept('transport'), dueAt: tk.dueAt });
      expect((await t.req('GET', `/api/v1/tickets/${tk.id}`, await as('h-housing'))).status).toBe(404);
      expect((await t.req('POST', `/api/v1/tickets/${tk.id}/reply`, { ...(await as('h-housing')), body: { reply: '已处理' } })).status).toBe(404);
      expect((await t.req('GET', `/api/v1/tickets/${tk.id}`, await as('h-transport'))).status).toBe(200);
      const left = await oldRoom.waitFor(
        (e) => e.name === 'ticket.updated' && e.payload.ticketId === tk.id && e.payload.action === 'redirect',
        15_000,
        'the old department hearing the ticket leave',
      );
      expect(left.payload.previousDepartmentId).toBe(t.dept('housing'));
      await newRoom.waitFor((e) => e.name === 'ticket.updated' && e.payload.ticketId === tk.id && e.payload.action === 'redirect');
      // afterwards only the new department hears of it
      await drive(t, tk.id, [['accept', 'h-transport']]);
      await newRoom.waitFor((e) => e.payload?.ticketId === tk.id && e.payload.action === 'accept');
      expect(oldRoom.events.some((e) => e.payload?.ticketId === tk.id && e.payload.action === 'accept')).toBe(false);
      const line = (await trail(tk.id)).find((e) => e.action === 'redirect')!;
      expect(line).toMatchObject({
        fromStatus: 'accepted',
        toStatus: 'dispatched',
        data: { from: t.dept('housing'), departmentId: t.dept('transport'), reason: '属交通运输局职责' },
      });
      // extending the due time while redirecting
      const again = await t.req('POST', `/api/v1/tickets/${tk.id}/redirect`, {
        ...(await as('supervisor')),
        body: { departmentId: t.dept('urban'), reason: '再改派', extendHours: 2 },
      });
      expect(ms(again.body.dueAt) - ms(tk.dueAt)).toBe(2 * SPH * 1000);
    } finally {
      oldRoom.close();
      newRoom.close();
    }
  });
});

describe('leaders (包案, 阅批)', () => {
  it('a leader reads everything, instructs only the cases assigned to them, and the department hears it live', async () => {
    const tk = await t.newTicket({ urgency: 'urgent', departmentId: t.dept('civil') });
    const leaderId = await userId('leader');
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}`, await as('leader'))).status).toBe(200);
    expect((await t.req('GET', '/api/v1/supervisions', await as('leader'))).status).toBe(200);
    // every read of the centre: the wallboard, reports, rankings, bulletins, warnings, incidents, hotspots, callers
    for (const path of [
      '/api/v1/wallboard',
      '/api/v1/reports/unresolved',
      '/api/v1/rankings?period=month',
      '/api/v1/rankings/weights',
      '/api/v1/bulletins',
      '/api/v1/warnings',
      '/api/v1/incidents',
      '/api/v1/hotspots',
      '/api/v1/callers/13800000000/tickets',
      '/api/v1/backlog',
      '/api/v1/backlog/progress?period=month',
    ]) {
      expect({ path, status: (await t.req('GET', path, await as('leader'))).status }).toEqual({ path, status: 200 });
    }
    // but writes nothing the centre's staff write
    expect((await t.req('POST', '/api/v1/bulletins', { ...(await as('leader')), body: { period: 'month' } })).status).toBe(403);
    expect((await t.req('PUT', '/api/v1/rankings/weights', { ...(await as('leader')), body: {} })).status).toBe(403);
    const notOwner = await t.req('POST', `/api/v1/tickets/${tk.id}/instructions`, { ...(await as('leader')), body: { text: '请抓紧' } });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.code).toBe('NOT_CASE_OWNER');
    expect((await t.req('POST', `/api/v1/tickets/${tk.id}/instructions`, { ...(await as('supervisor')), body: { text: '请抓紧' } })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/tickets/${tk.id}/accept`, { ...(await as('leader')), body: {} })).status).toBe(403);
    const assigned = await t.req('POST', `/api/v1/tickets/${tk.id}/leader`, { ...(await as('supervisor')), body: { leaderId, note: '请分管领导包案' } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.leaderId).toBe(leaderId);
    const dept = liveClient(t.url, await t.token('h-civil'));
    await connected(dept);
    try {
      const res = await t.req('POST', `/api/v1/tickets/${tk.id}/instructions`, { ...(await as('leader')), body: { text: '请民政局三日内拿出方案' } });
      expect(res.status).toBe(201);
      await dept.waitFor((e) => e.payload?.ticketId === tk.id && e.payload.action === 'instruct', 15_000, 'the instruction at the department');
    } finally {
      dept.close();
    }
    const seen = (await t.req('GET', `/api/v1/tickets/${tk.id}/instructions`, await as('h-civil'))).body;
    expect(seen).toMatchObject([{ userId: leaderId, text: '请民政局三日内拿出方案' }]);
    const mine = (await t.req('GET', `/api/v1/tickets?leaderId=${leaderId}`, await as('leader'))).body;
    expect(mine.items.map((x: TicketDto) => x.id)).toEqual([tk.id]);
  });
});

describe('积案 register', () => {
  it('puts a ticket on it for each rule, and the 清零 figures agree with SQL', async () => {
    const old = await t.newTicket({ urgency: 'normal', departmentId: t.dept('resources') });
    await t.sql.query('UPDATE tickets SET created_at = created_at - INTERVAL 40 DAY WHERE id = ?', [old.id]);

    const twice = await t.newTicket({ urgency: 'normal', departmentId: t.dept('resources') });
    const round = (): Array<[string, string, object?]> => [
      ['accept', 'h-resources'],
      ['reply', 'h-resources', { reply: '已处理' }],
      ['callback', 'agent', { satisfaction: 'unsatisfied' }],
    ];
    await drive(t, twice.id, [...round(), ...round()]);

    const original = await t.newTicket({ urgency: 'normal', content: '小区垃圾清运不及时，臭味很大', address: '积案路1号' });
    for (let i = 0; i < 2; i++) {
      const repeat = await t.newTicket({ urgency: 'normal', content: '小区垃圾清运不及时，臭味很大', address: '积案路1号' });
      await drive(t, repeat.id, [['merge', 'agent', { intoId: original.id }]]);
    }
    const reg = (await t.req('GET', '/api/v1/backlog', await as('supervisor'))).body;
    const reasons = (id: number) => reg.items.find((i: { ticket: TicketDto }) => i.ticket.id === id)?.reasons;
    expect(reasons(old.id)).toEqual(['age']);
    expect(reasons(twice.id)).toEqual(['reopened']);
    expect(reasons(original.id)).toEqual(['repeat']);
    expect(reg.items.find((i: { ticket: TicketDto }) => i.ticket.id === old.id).ageDays).toBe(40);
    // a department sees its own register only
    const own = (await t.req('GET', '/api/v1/backlog', await as('h-resources'))).body;
    expect(own.items.every((i: { ticket: TicketDto }) => i.ticket.departmentId === t.dept('resources'))).toBe(true);
    expect(own.items.map((i: { ticket: TicketDto }) => i.ticket.id).sort()).toEqual([old.id, twice.id].sort());

    // clear one: the old ticket is closed
    await drive(t, old.id, [
      ['accept', 'h-resources'],
      ['reply', 'h-resources', { reply: '已办结' }],
      ['callback', 'agent', { satisfaction: 'satisfied' }],
    ]);
    const progress = (await t.req('GET', '/api/v1/backlog/progress?period=month', await as('leader'))).body;
    const resources = progress.find((p: { departmentId: number }) => p.departmentId === t.dept('resources'));
    const [[bounds]] = (await t.sql.query<any[]>(`SELECT CONVERT_TZ(DATE_FORMAT(CONVERT_TZ(NOW(3), '+00:00', '+08:00'), '%Y-%m-01'), '+08:00', '+00:00') AS f`)) as any;
    const from = bounds.f;
    const entry = "LEAST(created_at + INTERVAL 30 DAY, COALESCE(backlog_since, '9999-12-31'))";
    const [[sqlFigures]] = (await t.sql.query<any[]>(
      `SELECT SUM(${entry} < ? AND (closed_at IS NULL OR closed_at >= ?)) AS atStart,
              SUM(${entry} >= ? AND ${entry} < NOW(3) AND (closed_at IS NULL OR closed_at >= ${entry})) AS added,
              SUM(closed_at >= ? AND closed_at < NOW(3) AND ${entry} <= closed_at) AS cleared,
              SUM(${entry} < NOW(3) AND closed_at IS NULL) AS now
         FROM tickets WHERE department_id = ?`,
      [from, from, from, from, t.dept('resources')],
    )) as any;
    expect(resources).toEqual({
      departmentId: t.dept('resources'),
      atStart: Number(sqlFigures.atStart),
      added: Number(sqlFigures.added),
      cleared: Number(sqlFigures.cleared),
      now: Number(sqlFigures.now),
    });
    expect(resources.cleared).toBeGreaterThanOrEqual(1);
    expect(resources.now).toBeGreaterThanOrEqual(1);
  });
});
