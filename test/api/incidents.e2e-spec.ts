import ExcelJS from 'exceljs';
import type { IncidentDetailDto, IncidentDto, IncidentSummaryDto } from '@hotline/contracts';
import { client } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

// One SLA hour is 1 s: 普通 is due in 12 s, an incident's 4 h in 4 s.
let t: TestApp;
let incident: IncidentDto;
let before: any;

beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: '1' });
  before = await t.newTicket({ content: '小区门口积水很深，车过不去', urgency: 'normal' });
}, 60_000);
afterAll(async () => t.close());

const sup = () => t.token('supervisor');
const dueHours = (tk: { createdAt: string; dueAt: string }) => (Date.parse(tk.dueAt) - Date.parse(tk.createdAt)) / 1000;
const login = (username: string, password: string) => t.req('POST', '/api/v1/auth/login', { body: { username, password } });

describe('incidents (专项)', () => {
  it('a supervisor opens one; new matching tickets are tagged and get its deadline, earlier ones keep theirs', async () => {
    const res = await t.req('POST', '/api/v1/incidents', {
      token: await sup(),
      body: { name: '防汛专项', keywords: ['积水', '内涝'], slaHours: 4, banner: '防汛期间积水报修直接派综合行政执法局。' },
    });
    expect(res.status).toBe(201);
    incident = res.body;
    expect(incident).toMatchObject({ name: '防汛专项', status: 'open', keywords: ['积水', '内涝'], slaHours: 4, banner: '防汛期间积水报修直接派综合行政执法局。' });

    const matching = await t.newTicket({ content: '幸福路地下通道内涝，有车熄火了', urgency: 'normal' });
    expect(matching.incidentId).toBe(incident.id);
    expect(dueHours(matching)).toBe(4);
    // 特急's own 2 h is sooner: kept
    const urgent = await t.newTicket({ content: '积水漫进配电房，有触电危险', urgency: 'extra_urgent' });
    expect(urgent.incidentId).toBe(incident.id);
    expect(dueHours(urgent)).toBe(2);
    const other = await t.newTicket({ content: '路灯坏了两周', urgency: 'normal' });
    expect(other.incidentId).toBeNull();
    expect(dueHours(other)).toBe(12);
    // the ticket registered before the incident: untouched
    const earlier = (await t.req('GET', `/api/v1/tickets/${before.id}`, { token: await t.token('agent') })).body;
    expect(earlier.incidentId).toBeNull();
    expect(dueHours(earlier)).toBe(12);
    const [[row]] = await t.sql.query<any[]>("SELECT data FROM ticket_events WHERE ticket_id = ? AND action = 'create'", [matching.id]);
    expect(JSON.parse(row.data)).toMatchObject({ incidentId: incident.id, incidentDeadline: true });
  });

  it('agents tag and untag by hand: one trail line each, the deadline unchanged', async () => {
    const agent = await t.token('agent');
    const tag = await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: { incidentId: incident.id } });
    expect(tag.status).toBe(200);
    expect(tag.body.incidentId).toBe(incident.id);
    expect(tag.body.dueAt).toBe(before.dueAt);
    const untag = await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: { incidentId: null, version: tag.body.version } });
    expect(untag.status).toBe(200);
    expect(untag.body.incidentId).toBeNull();
    const stale = await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: { incidentId: incident.id, version: tag.body.version } });
    expect(stale.status).toBe(409);
    const again = await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: { incidentId: incident.id } });
    expect(again.status).toBe(200);
    const trail = (await t.req('GET', `/api/v1/tickets/${before.id}/events`, { token: agent })).body.filter((e: any) => e.action === 'incident_tag');
    expect(trail.map((e: any) => e.data)).toEqual([
      { incidentId: incident.id, previousIncidentId: null },
      { incidentId: null, previousIncidentId: incident.id },
      { incidentId: incident.id, previousIncidentId: null },
    ]);
  });

  it('the board agrees with the tickets', async () => {
    const res = await t.req<IncidentDetailDto>('GET', `/api/v1/incidents/${incident.id}`, { token: await t.token('agent') });
    expect(res.status).toBe(200);
    const [[sql]] = await t.sql.query<any[]>("SELECT COUNT(*) AS total, SUM(status <> 'closed') AS open FROM tickets WHERE incident_id = ?", [incident.id]);
    expect(res.body.board.total).toBe(3);
    expect(res.body.board.total).toBe(Number(sql.total));
    expect(res.body.board.open).toBe(Number(sql.open));
    expect(res.body.board.byHour.reduce((a, h) => a + h.count, 0)).toBe(3);
    expect(res.body.board.byCategory.reduce((a, c) => a + c.count, 0)).toBe(3);
    expect(res.body.board.byDepartment.reduce((a, d) => a + d.count, 0)).toBe(3);
    // the wallboard shows the open incident's figures
    const wb = await eventually(
      async () => (await t.req('GET', '/api/v1/wallboard', { token: await sup() })).body,
      (w: any) => w.incidents?.some((i: any) => i.id === incident.id && i.total === 3),
      'the incident on the wallboard',
    );
    // overdue moves with the clock (an SLA hour is a second here) between the two reads: only its range is fixed
    const tile = wb.incidents.find((i: any) => i.id === incident.id);
    expect(tile).toMatchObject({ name: '防汛专项', total: 3, open: res.body.board.open });
    expect(tile.overdue).toBeGreaterThanOrEqual(0);
    expect(tile.overdue).toBeLessThanOrEqual(3);
  });

  it('temporary agents work, and expire by time', async () => {
    const short = await t.req('POST', '/api/v1/incidents', {
      token: await sup(),
      body: { name: '短期专项', keywords: ['停电'], expiresAt: new Date(Date.now() + 4000).toISOString() },
    });
    expect(short.status).toBe(201);
    const made = await t.req('POST', `/api/v1/incidents/${short.body.id}/agents`, { token: await sup(), body: { count: 1 } });
    expect(made.status).toBe(201);
    const [{ username, password }] = made.body.accounts;
    const first = await login(username, password);
    expect(first.status).toBe(200);
    expect(first.body.user.role).toBe('agent');
    await eventually(
      () => login(username, password).then((r) => r.status),
      (s) => s === 401,
      'the expired account refused',
      20_000,
      500,
    );
    await eventually(
      async () => Number((await t.sql.query<any[]>('SELECT active FROM users WHERE username = ?', [username]))[0][0].active),
      (a) => a === 0,
      'the expired account deactivated',
      20_000,
      300,
    );
    await eventually(
      () => t.req('GET', '/api/v1/tickets', { token: first.body.accessToken }).then((r) => r.status),
      (s) => s === 401,
      'its token refused',
      20_000,
      300,
    );
  });

  it('closing keeps the summary, ends the temporary accounts, and stops tagging; the report agrees with the tickets', async () => {
    const made = await t.req('POST', `/api/v1/incidents/${incident.id}/agents`, { token: await sup(), body: { count: 2 } });
    expect(made.status).toBe(201);
    expect(made.body.accounts).toHaveLength(2);
    expect(new Set(made.body.accounts.map((a: any) => a.password)).size).toBe(2);
    const temp = await login(made.body.accounts[0].username, made.body.accounts[0].password);
    expect(temp.status).toBe(200);
    // a temporary agent registers a call of the incident
    const byTemp = await t.req('POST', '/api/v1/tickets', {
      token: temp.body.accessToken,
      body: { callerPhone: '13900001111', content: '地下车库积水了', category: 'help', urgency: 'normal' },
    });
    expect(byTemp.status).toBe(201);
    expect(byTemp.body.incidentId).toBe(incident.id);

    const closed = await t.req<IncidentSummaryDto>('POST', `/api/v1/incidents/${incident.id}/close`, { token: await sup(), body: {} });
    expect(closed.status).toBe(200);
    expect(closed.body.incident.status).toBe('closed');
    expect(closed.body.deactivatedAgents).toBe(2);
    const [[sql]] = await t.sql.query<any[]>("SELECT COUNT(*) AS total, SUM(status = 'closed') AS closed FROM tickets WHERE incident_id = ?", [incident.id]);
    expect(closed.body.board.total).toBe(Number(sql.total));
    expect(closed.body.board.total).toBe(4);
    expect(closed.body.board.closed).toBe(Number(sql.closed));
    // accounts ended at once: sign-in and the token refused
    expect((await login(made.body.accounts[1].username, made.body.accounts[1].password)).status).toBe(401);
    await eventually(
      () => t.req('GET', '/api/v1/tickets', { token: temp.body.accessToken }).then((r) => r.status),
      (s) => s === 401,
      'the temporary token refused',
      10_000,
      200,
    );
    // no more tagging
    expect((await t.newTicket({ content: '又有积水了' })).incidentId).toBeNull();
    const other = await t.newTicket({ content: '噪音扰民' });
    expect((await t.req('POST', `/api/v1/tickets/${other.id}/incident`, { token: await t.token('agent'), body: { incidentId: incident.id } })).status).toBe(409);
    expect((await t.req('POST', `/api/v1/incidents/${incident.id}/close`, { token: await sup(), body: {} })).status).toBe(409);
    expect((await t.req('POST', `/api/v1/incidents/${incident.id}/agents`, { token: await sup(), body: { count: 1 } })).status).toBe(409);

    // the kept summary: the same whatever happens to the tickets later
    const report = await t.req('GET', `/api/v1/incidents/${incident.id}/report`, { token: await sup() });
    expect(report.body).toEqual(closed.body);
    const xlsx = await fetch(`${t.url}/api/v1/incidents/${incident.id}/report?format=xlsx`, { headers: { authorization: `Bearer ${await sup()}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const overview = book.getWorksheet('总体情况')!;
    const values = overview
      .getSheetValues()
      .map((r: any) => (r ? [r[1], r[2]] : null))
      .filter(Boolean);
    expect(values).toContainEqual(['受理量', '4件']);
    const html = await t.req('GET', `/api/v1/incidents/${incident.id}/report?format=html`, { token: await sup() });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('防汛专项总结报告');
    expect(html.body).toContain('size: A4');
    expect(html.body).toContain('共受理4件');
  });

  it('roles and bad input', async () => {
    const [agent, handler, admin, supervisor] = await Promise.all([t.token('agent'), t.token('h-urban'), t.token('admin'), sup()]);
    const body = { name: 'x', keywords: ['y'] };
    expect((await t.req('POST', '/api/v1/incidents', { token: agent, body })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/incidents', { token: admin, body })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/incidents', { token: handler })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/incidents/${incident.id}`, { token: handler })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/incidents/${incident.id}/report`, { token: agent })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/incidents/${incident.id}/agents`, { token: agent, body: { count: 1 } })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/incidents/${incident.id}/close`, { token: agent, body: {} })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: handler, body: { incidentId: null } })).status).toBe(403);
    const bad: Array<[unknown, RegExp]> = [
      [{ keywords: ['a'] }, /name must be/],
      [{ name: 'x', keywords: [] }, /keywords must hold 1-50 words/],
      [{ name: 'x', keywords: 'a' }, /keywords must be a list/],
      [{ name: 'x', keywords: [''] }, /each keyword must be 1-32 characters/],
      [{ name: 'x', keywords: ['  '] }, /keywords must not be blank/],
      [{ name: 'x', keywords: ['a'], slaHours: 0 }, /slaHours must be 0.5-720/],
      [{ name: 'x', keywords: ['a'], slaHours: '12' }, /slaHours must be a number/],
      [{ name: 'x', keywords: ['a'], banner: 'x'.repeat(501) }, /banner must be at most 500/],
      [{ name: 'x', keywords: ['a'], expiresAt: '2020-01-01T00:00:00Z' }, /expiresAt must be in the future/],
      [{ name: 'x', keywords: ['a'], expiresAt: 'tomorrow' }, /expiresAt must be an ISO 8601 time/],
      [{ name: 'x', keywords: ['a'], colour: 'red' }, /colour/],
    ];
    for (const [b, msg] of bad) {
      const res = await t.req('POST', '/api/v1/incidents', { token: supervisor, body: b });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(msg);
    }
    for (const [count, msg] of [
      [0, /count must be 1-100/],
      [101, /count must be 1-100/],
      ['x', /count must be an integer/],
      [1.5, /count must be an integer/],
    ] as const) {
      const res = await t.req('POST', `/api/v1/incidents/${incident.id}/agents`, { token: supervisor, body: { count } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(msg);
    }
    const tagBad = await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: { incidentId: 'x' } });
    expect(tagBad.status).toBe(400);
    expect(JSON.stringify(tagBad.body)).toMatch(/incidentId/);
    expect((await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: {} })).status).toBe(400);
    const none = await t.req('POST', `/api/v1/tickets/${before.id}/incident`, { token: agent, body: { incidentId: 999999 } });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toMatch(/incidentId 999999 is not an incident/);
    expect((await t.req('POST', '/api/v1/tickets/999999/incident', { token: agent, body: { incidentId: null } })).status).toBe(404);
    expect((await t.req('GET', '/api/v1/incidents/999999', { token: agent })).status).toBe(404);
    expect((await t.req('GET', '/api/v1/incidents/abc', { token: agent })).status).toBe(400);
    expect((await t.req('GET', '/api/v1/incidents?status=paused', { token: agent })).status).toBe(400);
    const fmt = await t.req('GET', `/api/v1/incidents/${incident.id}/report?format=pdf`, { token: supervisor });
    expect(fmt.status).toBe(400);
    expect(JSON.stringify(fmt.body)).toMatch(/format/);
    expect(client).toBeDefined();
  });
});
