import jwt from 'jsonwebtoken';
import type { EventsSinceDto } from '@hotline/contracts';
import { connected, liveClient, refusal, refusalOf, type LiveClient } from '../support/live';
import { drive, newTicketBody, spawnApi, startTestApp, workerTag, type TestApp, stopApi } from '../support/test-app';

// One SLA hour is 1 s: a 特急 ticket's sign-for limit passes after 0.25 s, it warns at 1.5 s and breaches at 2 s.
let t: TestApp;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: '1' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await t.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function live(username: string): Promise<LiveClient> {
  const c = liveClient(t.url, await t.token(username));
  clients.push(c);
  await connected(c);
  return c;
}
const normal = { urgency: 'normal' as const };

describe('the handshake', () => {
  it('refuses a missing, forged, expired or alg=none token with a message naming the problem', async () => {
    expect(await refusal(t.url, undefined)).toMatch(/missing access token/);
    expect(await refusal(t.url, 'not-a-token')).toBe('invalid access token');
    const claims = { sub: 1, username: 'agent', role: 'agent', dept: null };
    expect(await refusal(t.url, jwt.sign(claims, 'another-secret-of-enough-length', { expiresIn: 60 }))).toBe('invalid access token');
    expect(await refusal(t.url, jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, t.env.JWT_SECRET))).toBe('access token expired');
    expect(await refusal(t.url, jwt.sign(claims, '', { algorithm: 'none' } as never))).toBe('invalid access token');
  });

  it('carries the refusal code and its Chinese text in the error data', async () => {
    expect((await refusalOf(t.url, undefined)).data).toMatchObject({ code: 'UNAUTHENTICATED', message: '未登录或登录已失效，请重新登录' });
    expect((await refusalOf(t.url, 'not-a-token')).data).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid access token' });
    const expired = jwt.sign({ sub: 1, username: 'agent', role: 'agent', dept: null, exp: Math.floor(Date.now() / 1000) - 10 }, t.env.JWT_SECRET);
    expect((await refusalOf(t.url, expired)).data).toMatchObject({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
  });

  it('accepts a valid token, and ends the live session when the token expires', async () => {
    expect(await refusal(t.url, await t.token('agent'))).toBe('connected');
    const short = jwt.sign({ sub: 1, username: 'agent', role: 'agent', dept: null, exp: Math.floor(Date.now() / 1000) + 2 }, t.env.JWT_SECRET);
    const c = liveClient(t.url, short);
    clients.push(c);
    await connected(c);
    const reason = await new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
  });
});

describe('who hears what', () => {
  it('the centre hears every department; a handler only its own, including the ticket leaving it', async () => {
    const [agent, supervisor, utilities, police] = await Promise.all([live('agent'), live('supervisor'), live('h-utilities'), live('h-police')]);
    const water = await t.newTicket({ ...normal, departmentId: t.dept('utilities') });
    const crime = await t.newTicket({ ...normal, departmentId: t.dept('police') });
    const undispatched = await t.newTicket(normal);
    for (const c of [agent, supervisor]) {
      for (const id of [water.id, crime.id, undispatched.id]) await c.waitFor((e) => e.name === 'ticket.created' && e.payload.ticketId === id);
    }
    await utilities.waitFor((e) => e.payload.ticketId === water.id);
    await police.waitFor((e) => e.payload.ticketId === crime.id);

    // the utilities handler returns its ticket: it hears that the ticket left (previousDepartmentId), then nothing more
    await drive(t, water.id, [['return', 'h-utilities', { reason: '不属于本部门职责' }]]);
    const left = await utilities.waitFor((e) => e.name === 'ticket.updated' && e.payload.action === 'return');
    expect(left.payload).toMatchObject({ ticketId: water.id, departmentId: null, previousDepartmentId: t.dept('utilities'), status: 'returned' });
    await drive(t, water.id, [['dispatch', 'agent', { departmentId: t.dept('police') }]]);
    await police.waitFor((e) => e.name === 'ticket.updated' && e.payload.ticketId === water.id && e.payload.action === 'dispatch');
    await agent.waitFor((e) => e.name === 'ticket.updated' && e.payload.ticketId === water.id && e.payload.action === 'dispatch');
    await sleep(300);

    // (the demo tickets' clocks run too: only this test's tickets are compared)
    const ours = new Set([water.id, crime.id, undispatched.id]);
    const heard = (c: LiveClient) => c.ticketEvents().filter((e) => ours.has(e.payload.ticketId));
    expect(heard(utilities).map((e) => `${e.payload.ticketId}:${e.payload.action ?? e.name}`)).toEqual([`${water.id}:ticket.created`, `${water.id}:return`]);
    expect(new Set(heard(police).map((e) => e.payload.ticketId))).toEqual(new Set([crime.id, water.id]));
    expect(new Set(heard(agent).map((e) => e.payload.ticketId))).toEqual(ours);
    // every event a handler hears names its department as the holder or as the one the ticket left
    for (const [c, code] of [
      [utilities, 'utilities'],
      [police, 'police'],
    ] as const) {
      for (const e of c.ticketEvents()) expect([e.payload.departmentId, e.payload.previousDepartmentId]).toContain(t.dept(code));
    }
  });

  it('no event carries a confidential caller’s identity, to departments or anyone', async () => {
    const [agent, urban] = await Promise.all([live('agent'), live('h-urban')]);
    const body = newTicketBody({ ...normal, category: 'report', callerName: '举报人王某', departmentId: t.dept('urban') });
    const res = await t.req('POST', '/api/v1/tickets', { token: await t.token('agent'), body });
    expect(res.status).toBe(201);
    await drive(t, res.body.id, [
      ['accept', 'h-urban'],
      ['reply', 'h-urban', { reply: '已责令整改。' }],
    ]);
    await urban.waitFor((e) => e.payload.ticketId === res.body.id && e.payload.action === 'reply');
    await agent.waitFor((e) => e.payload.ticketId === res.body.id && e.payload.action === 'reply');
    for (const c of [agent, urban]) {
      const text = JSON.stringify(c.ticketEvents(res.body.id));
      expect(text).not.toContain(body.callerPhone);
      expect(text).not.toContain('举报人王某');
      expect(text).not.toContain(body.content);
    }
  });
});

describe('a ticket’s life, in order', () => {
  it('every event arrives once, in sequence, from intake through the SLA clock to the close', async () => {
    const [agent, handler] = await Promise.all([live('agent'), live('h-health')]);
    const tk = await t.newTicket({ urgency: 'extra_urgent', departmentId: t.dept('health') });
    // past the sign-for limit (0.25 s), the warning (1.5 s) and the breach (2 s): both consoles heard the breach
    for (const c of [agent, handler]) await c.waitFor((e) => e.name === 'sla.breached' && e.payload.ticketId === tk.id, 15_000, 'the breach');
    await drive(t, tk.id, [
      ['accept', 'h-health'],
      ['reply', 'h-health', { reply: '已派员处置。' }],
      ['callback', 'agent', { satisfaction: 'satisfied' }],
    ]);
    // the registering agent tracks a 特急 ticket: its missed follow-up (0.5 s) is the centre's only; the breach opens a
    // 督办 order, which the reply answers
    const centre = [
      'ticket.created',
      'sla.accept_overdue',
      'follow_up.due',
      'sla.warning',
      'sla.breached',
      'supervision.opened',
      'accept',
      'reply',
      'supervision.updated',
      'callback',
    ];
    for (const [c, expected] of [
      [agent, centre],
      [handler, centre.filter((n) => n !== 'follow_up.due')],
    ] as const) {
      await c.waitFor((e) => e.payload.ticketId === tk.id && e.payload.action === 'callback');
      const got = c.ticketEvents(tk.id);
      expect(got.map((e) => (e.name === 'ticket.updated' ? e.payload.action : e.name))).toEqual(expected);
      const seqs = got.map((e) => e.payload.seq);
      expect(seqs.every((s, i) => Number.isInteger(s) && (i === 0 || s > seqs[i - 1]))).toBe(true);
      expect(got.at(-1)!.payload).toMatchObject({ status: 'closed', slaState: 'breached', urgency: 'extra_urgent', departmentId: t.dept('health'), no: tk.no, dueAt: tk.dueAt });
      for (const e of got) expect(Date.parse(e.payload.at)).toBeLessThanOrEqual(e.at);
    }
  });
});

describe('catching up after a disconnect', () => {
  it('returns what the caller may see since its last sequence, in order, and nothing it may not', async () => {
    const handler = await live('h-transport');
    const first = await t.newTicket({ ...normal, departmentId: t.dept('transport') });
    const heard = await handler.waitFor((e) => e.payload.ticketId === first.id);
    const token = await t.token('h-transport');
    const start = await t.req<EventsSinceDto>('GET', '/api/v1/events', { token });
    expect(start.status).toBe(200);
    expect(start.body.events).toEqual([]);
    expect(start.body.seq).toBeGreaterThanOrEqual(heard.payload.seq);
    handler.close();

    // while the console is away: two events for transport, others for another department
    const mine = await t.newTicket({ ...normal, departmentId: t.dept('transport') });
    const other = await t.newTicket({ ...normal, departmentId: t.dept('civil') });
    await drive(t, mine.id, [['accept', 'h-transport']]);
    await drive(t, other.id, [['accept', 'h-civil']]);

    const res = await t.req<EventsSinceDto>('GET', `/api/v1/events?since=${heard.payload.seq}&epoch=${start.body.epoch}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.reset).toBe(false);
    const names = res.body.events.map((e) => `${e.name}:${e.payload.ticketId}:${'action' in e.payload ? e.payload.action : ''}`);
    expect(names).toEqual([`ticket.created:${mine.id}:`, `ticket.updated:${mine.id}:accept`]);
    const seqs = res.body.events.map((e) => e.seq);
    expect(seqs[0]).toBeGreaterThan(heard.payload.seq);
    expect(seqs[1]).toBeGreaterThan(seqs[0]);
    expect(res.body.events.every((e) => e.payload.seq === e.seq)).toBe(true);
    expect(res.body.seq).toBeGreaterThanOrEqual(seqs[1]);

    // the centre sees all four
    const all = await t.req<EventsSinceDto>('GET', `/api/v1/events?since=${heard.payload.seq}`, { token: await t.token('supervisor') });
    expect(all.body.events.filter((e) => [mine.id, other.id].includes(e.payload.ticketId))).toHaveLength(4);

    // up to date: nothing; and a reconnect hears new events again
    const now = await t.req<EventsSinceDto>('GET', `/api/v1/events?since=${res.body.seq}&epoch=${res.body.epoch}`, { token });
    expect(now.body).toMatchObject({ reset: false, events: [] });
    const again = await live('h-transport');
    const later = await t.newTicket({ ...normal, departmentId: t.dept('transport') });
    expect((await again.waitFor((e) => e.payload.ticketId === later.id)).payload.seq).toBeGreaterThan(res.body.seq);
  });

  it('tells the client to reload when the gap cannot be filled', async () => {
    const token = await t.token('agent');
    const cur = (await t.req<EventsSinceDto>('GET', '/api/v1/events', { token })).body;
    // the reset hands over the log's current position to resume from: at least where it was, at most where it is
    // after (events of the suite's earlier tickets may still be published meanwhile)
    const reset = (await t.req<EventsSinceDto>('GET', `/api/v1/events?since=${cur.seq}&epoch=another-epoch`, { token })).body;
    expect(reset).toMatchObject({ reset: true, epoch: cur.epoch });
    expect(reset.seq).toBeGreaterThanOrEqual(cur.seq);
    expect(reset.seq).toBeLessThanOrEqual((await t.req<EventsSinceDto>('GET', '/api/v1/events', { token })).body.seq);
    expect((await t.req('GET', `/api/v1/events?since=${cur.seq + 1000}`, { token })).body).toMatchObject({ reset: true });
    // events trimmed from the log (as after a long absence): the log no longer starts right after `since`
    await t.newTicket(normal);
    const log = `${t.env.QUEUE_PREFIX}:live:log`;
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(t.env.REDIS_URL);
    await redis.xtrim(log, 'MAXLEN', 0);
    await redis.quit();
    await t.newTicket(normal);
    expect((await t.req('GET', `/api/v1/events?since=${cur.seq}&epoch=${cur.epoch}`, { token })).body).toMatchObject({ reset: true });
  });

  it('refuses a malformed catch-up request with a 400 naming the field', async () => {
    const token = await t.token('agent');
    for (const q of ['since=-1', 'since=abc', 'since=1.5', `epoch=${'x'.repeat(65)}`, 'since=1&bogus=1']) {
      const res = await t.req('GET', `/api/v1/events?${q}`, { token });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.details)).toMatch(/since|epoch|bogus/);
    }
    expect((await t.req('GET', '/api/v1/events')).status).toBe(401);
  });
});

describe('several API processes', () => {
  it('an action through one process reaches a socket connected to another', async () => {
    const other = await spawnApi(t.env, { SEED_DEMO: 'false', SLA_ROLE: 'api' });
    try {
      const elsewhere = liveClient(other.url, await t.token('h-housing'));
      clients.push(elsewhere);
      await connected(elsewhere);
      const tk = await t.newTicket({ ...normal, departmentId: t.dept('housing') });
      await drive(t, tk.id, [['accept', 'h-housing']]);
      await elsewhere.waitFor((e) => e.payload.ticketId === tk.id && e.payload.action === 'accept');
      expect(elsewhere.ticketEvents(tk.id).map((e) => e.name)).toEqual(['ticket.created', 'ticket.updated']);
      // and the catch-up log is shared: the other process answers for events raised here
      const res = await fetch(`${other.url}/api/v1/events?since=${elsewhere.ticketEvents(tk.id)[0].payload.seq - 1}`, {
        headers: { authorization: `Bearer ${await t.token('h-housing')}` },
      });
      const body = (await res.json()) as EventsSinceDto;
      expect(body.events.map((e) => e.payload.ticketId)).toEqual([tk.id, tk.id]);
    } finally {
      await stopApi(other);
    }
  });

  it('an SLA worker running as its own process publishes the clock’s events to the API’s sockets', async () => {
    // API and worker on a database and Redis prefix of their own, so that this file's in-process worker cannot fire first
    const db = new URL(t.env.DATABASE_URL);
    db.pathname = `${db.pathname}_split`;
    const own = { DATABASE_URL: db.toString(), QUEUE_PREFIX: `{hotline-split-${workerTag()}}`, SEED_DEMO: 'true' };
    await t.sql.query(`DROP DATABASE IF EXISTS \`${db.pathname.slice(1)}\``);
    const api = await spawnApi(t.env, { ...own, SLA_ROLE: 'api' });
    const worker = await spawnApi(t.env, { ...own, SLA_ROLE: 'worker' });
    try {
      const base = api.url;
      const login = async (username: string) =>
        (
          (await (
            await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo12345' }) })
          ).json()) as { accessToken: string }
        ).accessToken;
      const c = liveClient(base, await login('supervisor'));
      clients.push(c);
      await connected(c);
      const res = await fetch(`${base}/api/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('agent')}` },
        body: JSON.stringify(newTicketBody({ urgency: 'extra_urgent' })),
      });
      const tk = (await res.json()) as { id: number };
      const breached = await c.waitFor((e) => e.name === 'sla.breached' && e.payload.ticketId === tk.id, 6000, 'breach from the worker');
      expect(breached.payload.slaState).toBe('breached');
      await c.waitFor((e) => e.name === 'supervision.opened' && e.payload.ticketId === tk.id, 6000, 'the breach order from the worker');
      expect(c.ticketEvents(tk.id).map((e) => e.name)).toEqual(['ticket.created', 'follow_up.due', 'sla.warning', 'sla.breached', 'supervision.opened']);
    } finally {
      for (const p of [api, worker]) {
        p.kill('SIGTERM');
        await new Promise((r) => p.once('exit', r));
      }
      await t.sql.query(`DROP DATABASE IF EXISTS \`${db.pathname.slice(1)}\``);
    }
  });
});
