import type { WarningDto } from '@hotline/contracts';
import { shanghaiDayRange } from '@hotline/domain';
import { client } from '../support/http';
import { connected, liveClient, type LiveClient } from '../support/live';
import { seedTicket } from '../support/seed';
import { DEMO_PASSWORD, spawnApi, startTestApp, type ApiProcess, type TestApp } from '../support/test-app';

// Days as periods; a warning needs at least 5 and more than 50 % over the 3 days before. Checks only on request.
let t: TestApp;
let other: ApiProcess;
let otherUrl: string;
const clients: LiveClient[] = [];
const DAY = 86_400_000;
const now = new Date();
const today = shanghaiDayRange(now);
/** A moment of today already past, however early in the day the test runs. */
const todayAt = (i: number) => new Date(today.from.getTime() + ((now.getTime() - today.from.getTime()) * (i + 1)) / 40);
const dayBefore = (n: number, i = 0) => new Date(today.from.getTime() - n * DAY + 3_600_000 + i * 60_000);

beforeAll(async () => {
  t = await startTestApp({ WARNING_PERIOD: 'day', WARNING_MIN_COUNT: '5', WARNING_GROWTH_PERCENT: '50', WARNING_BASELINE_PERIODS: '3', WARNING_CHECK_SECONDS: '0' });
  // the demo's tickets are today's: move them out of the way
  await t.sql.query('UPDATE tickets SET created_at = created_at - INTERVAL 30 DAY, due_at = due_at - INTERVAL 30 DAY');
  const seed = (code: string, createdAt: Date, more: object = {}) =>
    seedTicket(t.sql, { departmentId: t.dept(code), createdAt, acceptedLate: false, repliedLate: false, closed: true, ...more });
  // transport: 12 today against 4 a day -> +200 %
  for (let i = 0; i < 12; i++) await seed('transport', todayAt(i));
  for (let d = 1; d <= 3; d++) for (let i = 0; i < 4; i++) await seed('transport', dayBefore(d, i));
  // education: 6 today against 5 a day -> +20 %: no warning
  for (let i = 0; i < 6; i++) await seed('education', todayAt(i));
  for (let d = 1; d <= 3; d++) for (let i = 0; i < 5; i++) await seed('education', dayBefore(d, i));
  // civil: 4 today against none: below the least count
  for (let i = 0; i < 4; i++) await seed('civil', todayAt(i));
  // urban, all in the area 青山苑: 8 today against 2 a day -> the department and the area
  for (let i = 0; i < 8; i++) await seed('urban', todayAt(i), { areaKey: '青山苑' });
  for (let d = 1; d <= 3; d++) for (let i = 0; i < 2; i++) await seed('urban', dayBefore(d, i), { areaKey: '青山苑' });
  // police: registered long ago; 6 deadlines missed today against 1 a day -> overdue +500 %
  const long = new Date(today.from.getTime() - 10 * DAY);
  for (let i = 0; i < 6; i++) await seed('police', long, { unreplied: true, closed: false, dueAt: todayAt(i) });
  for (let d = 1; d <= 3; d++) await seed('police', long, { unreplied: true, closed: false, dueAt: dayBefore(d) });
  other = await spawnApi(t.env, { SEED_DEMO: 'false', SLA_ROLE: 'api' });
  otherUrl = other.url;
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  other?.kill('SIGKILL');
  await t.close();
});

const live = async (username: string) => {
  const c = liveClient(t.url, await t.token(username));
  clients.push(c);
  await connected(c);
  return c;
};

describe('warnings (预警)', () => {
  it('a seeded growth raises exactly one warning per subject and period, checked by two instances at once; none below the threshold', async () => {
    const supervisorLive = await live('supervisor');
    const transportLive = await live('h-transport');
    const educationLive = await live('h-education');
    const req2 = client(otherUrl);
    const login2 = await req2('POST', '/api/v1/auth/login', { body: { username: 'supervisor', password: DEMO_PASSWORD } });
    const token1 = await t.token('supervisor');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0 ? t.req('POST', '/api/v1/warnings/check', { token: token1 }) : req2('POST', '/api/v1/warnings/check', { token: login2.body.accessToken }),
      ),
    );
    for (const r of results) expect(r.status).toBe(200);
    const issued: WarningDto[] = results.flatMap((r) => r.body.issued);
    const key = (w: WarningDto) => `${w.scope}:${w.departmentId ?? w.area}:${w.metric}`;
    const expected = [`department:${t.dept('transport')}:volume`, `department:${t.dept('urban')}:volume`, 'area:青山苑:volume', `department:${t.dept('police')}:overdue`].sort();
    expect(issued.map(key).sort()).toEqual(expected);

    const [rows] = await t.sql.query<any[]>(
      'SELECT scope, department_id, area, metric, period_start, COUNT(*) AS n FROM warnings GROUP BY scope, department_id, area, metric, period_start',
    );
    expect(rows).toHaveLength(4);
    expect(rows.every((r: any) => Number(r.n) === 1 && new Date(r.period_start).getTime() === today.from.getTime())).toBe(true);

    const transport = issued.find((w) => w.departmentId === t.dept('transport') && w.metric === 'volume')!;
    expect(transport).toMatchObject({ scope: 'department', current: 12, previous: 4, growth: 2, status: 'open', area: null, periodStart: today.from.toISOString() });
    expect(issued.find((w) => w.metric === 'overdue')).toMatchObject({ current: 6, previous: 1, growth: 5 });
    expect(issued.find((w) => w.scope === 'area')).toMatchObject({ departmentId: null, area: '青山苑', current: 8, previous: 2, growth: 3 });

    // warning.issued to the centre and to the department concerned, not to another department
    await supervisorLive.waitFor((e) => e.name === 'warning.issued' && e.payload.warning.id === transport.id, 15_000, 'the warning at the centre');
    await transportLive.waitFor((e) => e.name === 'warning.issued' && e.payload.warning.id === transport.id, 15_000, 'the warning at the department');
    await supervisorLive.waitFor((e) => e.name === 'warning.issued' && e.payload.warning.scope === 'area', 15_000, 'the area warning');
    expect(educationLive.events.filter((e) => e.name === 'warning.issued')).toEqual([]);
    expect(transportLive.events.filter((e) => e.name === 'warning.issued').map((e) => e.payload.warning.id)).toEqual([transport.id]);

    // checking again issues nothing more
    const again = await t.req('POST', '/api/v1/warnings/check', { token: token1 });
    expect(again.body.issued).toEqual([]);
  });

  it('listed for the centre; a department sees and acknowledges its own only', async () => {
    const all = await t.req('GET', '/api/v1/warnings?status=open', { token: await t.token('supervisor') });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    const own = await t.req('GET', '/api/v1/warnings', { token: await t.token('h-transport') });
    expect(own.body.items.map((w: WarningDto) => w.departmentId)).toEqual([t.dept('transport')]);
    const w = own.body.items[0] as WarningDto;
    expect((await t.req('GET', '/api/v1/warnings', { token: await t.token('h-education') })).body.total).toBe(0);
    // another department's: 404; an area's: 404 for a handler
    const area = all.body.items.find((x: WarningDto) => x.scope === 'area');
    expect((await t.req('POST', `/api/v1/warnings/${w.id}/acknowledge`, { token: await t.token('h-education'), body: {} })).status).toBe(404);
    expect((await t.req('POST', `/api/v1/warnings/${area.id}/acknowledge`, { token: await t.token('h-transport'), body: {} })).status).toBe(404);
    const stale = await t.req('POST', `/api/v1/warnings/${w.id}/acknowledge`, { token: await t.token('h-transport'), body: { version: w.version + 1 } });
    expect(stale.status).toBe(409);
    const ack = await t.req('POST', `/api/v1/warnings/${w.id}/acknowledge`, { token: await t.token('h-transport'), body: { version: w.version } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: w.id, status: 'acknowledged', acknowledgedBy: expect.any(Number) });
    const twice = await t.req('POST', `/api/v1/warnings/${w.id}/acknowledge`, { token: await t.token('supervisor'), body: {} });
    expect(twice.status).toBe(409);
    expect((await t.req('POST', `/api/v1/warnings/${area.id}/acknowledge`, { token: await t.token('supervisor'), body: {} })).status).toBe(200);
    const acknowledged = await t.req('GET', '/api/v1/warnings?status=acknowledged', { token: await t.token('admin') });
    expect(acknowledged.body.total).toBe(2);
  });

  it('roles and bad input', async () => {
    expect((await t.req('GET', '/api/v1/warnings', { token: await t.token('agent') })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/warnings/check', { token: await t.token('agent') })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/warnings/check', { token: await t.token('h-transport') })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/warnings/1/acknowledge', { token: await t.token('admin'), body: {} })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/warnings/1/acknowledge', { token: await t.token('agent'), body: {} })).status).toBe(403);
    const cases: Array<[string, RegExp]> = [
      ['?status=closed', /status must be one of open, acknowledged/],
      ['?pageSize=1000', /pageSize must be 1..100/],
      ['?departmentId=x', /departmentId must be an integer/],
      ['?colour=red', /colour/],
    ];
    for (const [q, msg] of cases) {
      const res = await t.req('GET', `/api/v1/warnings${q}`, { token: await t.token('supervisor') });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(msg);
    }
    const sup = await t.token('supervisor');
    expect((await t.req('POST', '/api/v1/warnings/abc/acknowledge', { token: sup, body: {} })).status).toBe(400);
    expect((await t.req('POST', '/api/v1/warnings/999999/acknowledge', { token: sup, body: {} })).status).toBe(404);
    const bad = await t.req('POST', '/api/v1/warnings/1/acknowledge', { token: sup, body: { version: 'one' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/version/);
  });
});
