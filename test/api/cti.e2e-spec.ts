import { ctiSignature } from '../../apps/api/src/channels/cti/cti-signature.guard';
import { connected, liveClient, type LiveClient } from '../support/live';
import { drive, simulateCall, startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

const SECRET = 'cti-test-secret-0123456789abcdef';
let t: TestApp;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestApp({ CTI_SECRET: SECRET });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await t.close();
});

let n = 0;
const event = (kind: string, over: Record<string, unknown> = {}) => ({
  event: kind,
  callId: `call-${++n}`,
  caller: '13700001111',
  extension: '8001',
  at: new Date().toISOString(),
  ...over,
});

async function send(body: unknown, opts: { secret?: string; timestamp?: number; raw?: string; headers?: Record<string, string> } = {}) {
  const raw = opts.raw ?? JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers = opts.headers ?? { 'x-cti-timestamp': timestamp, 'x-cti-signature': ctiSignature(opts.secret ?? SECRET, timestamp, raw) };
  return t.req('POST', '/api/v1/cti/events', { raw, headers });
}
const calls = async () => (await t.sql.query<any[]>('SELECT * FROM calls ORDER BY id'))[0];

async function live(username: string): Promise<LiveClient> {
  const c = liveClient(t.url, await t.token(username));
  clients.push(c);
  await connected(c);
  return c;
}

it('ringing pops the caller’s history (open tickets first) on the agent of that extension, and only there', async () => {
  const older = await t.newTicket({ callerPhone: '13700001111', content: '咨询社保卡补办。' });
  await drive(t, older.id, [['resolve', 'agent', { reply: '已答复。' }]]);
  const open = await t.newTicket({ callerPhone: '13700001111', content: '小区停水。', departmentId: t.dept('utilities') });
  const [agent, supervisor] = await Promise.all([live('agent'), live('supervisor')]);
  const e = event('ringing');
  const res = await send(e);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ callId: e.callId, event: 'ringing', recorded: true });
  const pop = await agent.waitFor((x) => (x.name as string) === 'call.ringing');
  expect(pop.payload).toMatchObject({ callId: e.callId, caller: '13700001111', extension: '8001' });
  expect(pop.payload.history.map((h: any) => h.ticketId)).toEqual([open.id, older.id]);
  expect(pop.payload.history[0]).toMatchObject({ no: open.no, status: 'dispatched', departmentId: t.dept('utilities') });
  await new Promise((r) => setTimeout(r, 300));
  expect(supervisor.events.filter((x) => (x.name as string) === 'call.ringing')).toEqual([]);
  // the ticket registered during the call is linked to it
  const tk = await t.newTicket({ callerPhone: '13700001111', content: '停水第二天了。', callId: e.callId });
  const [row] = (await calls()).filter((c: any) => c.call_id === e.callId);
  expect(row.ticket_id).toBe(tk.id);
  const [[ticket]] = await t.sql.query<any[]>('SELECT call_id FROM tickets WHERE id = ?', [tk.id]);
  expect(ticket.call_id).toBe(e.callId);
});

it('answered and hangup record the talk time; the wallboard shows the average per agent', async () => {
  const start = Date.now();
  const ring = event('ringing', { at: new Date(start).toISOString() });
  await send(ring);
  expect((await send({ ...ring, event: 'answered', at: new Date(start + 2000).toISOString() })).body.recorded).toBe(true);
  expect((await send({ ...ring, event: 'hangup', at: new Date(start + 92_000).toISOString() })).body.recorded).toBe(true);
  // a repeated hangup (a new signature, same call) changes nothing
  expect((await send({ ...ring, event: 'hangup', at: new Date(start + 99_000).toISOString() })).body.recorded).toBe(false);
  const [row] = (await calls()).filter((c: any) => c.call_id === ring.callId);
  expect(row.talk_ms).toBe(90_000);
  const [[{ id: agentId }]] = await t.sql.query<any[]>("SELECT id FROM users WHERE username = 'agent'");
  // the shared snapshot is recomputed about once a second: wait for one made after the hang-up
  const board = await eventually(
    async () => (await t.req('GET', '/api/v1/wallboard', { token: await t.token('supervisor') })).body,
    (b) => b.handling?.length > 0,
    'a wallboard with the call',
  );
  expect(board.handling).toEqual([{ agentId, name: '话务员小李', calls: 1, averageHandlingSeconds: 90 }]);
});

it('a forged, stale, unsigned or replayed event is refused and records nothing', async () => {
  const before = (await calls()).length;
  const e = event('ringing');
  const cases: Array<[string, Awaited<ReturnType<typeof send>>, number, RegExp]> = [
    ['wrong secret', await send(e, { secret: 'another-secret-0123456789' }), 401, /bad signature/],
    ['stale', await send(e, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), 401, /outside the 300 s window/],
    ['from the future', await send(e, { timestamp: Math.floor(Date.now() / 1000) + 3600 }), 401, /window/],
    ['unsigned', await send(e, { headers: {} }), 401, /x-cti-timestamp/],
    ['no signature', await send(e, { headers: { 'x-cti-timestamp': String(Math.floor(Date.now() / 1000)) } }), 401, /x-cti-signature/],
  ];
  // the body changed after signing
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = ctiSignature(SECRET, ts, JSON.stringify(e));
  cases.push([
    'tampered',
    await send(null, { raw: JSON.stringify({ ...e, caller: '13900000000' }), headers: { 'x-cti-timestamp': ts, 'x-cti-signature': sig } }),
    401,
    /bad signature/,
  ]);
  for (const [what, res, status, why] of cases) {
    expect([what, res.status]).toEqual([what, status]);
    expect(res.body.details?.reason).toMatch(why);
  }
  expect((await calls()).length).toBe(before);
  // the same signed request twice: the second is a replay
  const replay = event('ringing');
  const raw = JSON.stringify(replay);
  const headers = { 'x-cti-timestamp': ts, 'x-cti-signature': ctiSignature(SECRET, ts, raw) };
  expect((await send(null, { raw, headers })).status).toBe(200);
  const again = await send(null, { raw, headers });
  expect(again.status).toBe(409);
  expect(again.body.details?.reason).toMatch(/replay/);
  expect((await calls()).length).toBe(before + 1);
});

it('a signed but malformed event is a 400 naming the field', async () => {
  const before = (await calls()).length;
  for (const [body, why] of [
    [event('dialling'), /event/],
    [event('ringing', { callId: 'has spaces' }), /callId/],
    [event('ringing', { caller: 'anonymous' }), /caller/],
    [event('ringing', { extension: 'x1' }), /extension/],
    [event('ringing', { at: 'yesterday' }), /at must be/],
    [{ ...event('ringing'), extra: 1 }, /extra/],
  ] as const) {
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toMatch(why);
  }
  expect((await calls()).length).toBe(before);
});

it('npm run cti:simulate plays a signed call against the running service', async () => {
  const agent = await live('agent');
  const out = await simulateCall(t.url, SECRET, '13700002222');
  expect(out).toMatch(/ringing on 8001 \(agent \d+\)/);
  expect(out).toMatch(/hung up/);
  const pop = await agent.waitFor((x) => (x.name as string) === 'call.ringing' && x.payload.caller === '13700002222');
  const [row] = (await calls()).filter((c: any) => c.call_id === pop.payload.callId);
  expect(row.ended_at).not.toBeNull();
  expect(row.talk_ms).toBeGreaterThanOrEqual(0);
});
