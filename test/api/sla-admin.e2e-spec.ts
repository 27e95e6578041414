import type { TicketEventDto } from '@hotline/contracts';
import { addWorkingTime, STANDARD_OFFICE_CALENDAR } from '@hotline/domain';
import { drive, startTestApp, type TestApp } from '../support/test-app';
import { eventually, sleep } from '../support/wait';

// One SLA hour is 0.25 s.
const SPH = 0.25;
const HOUR = SPH * 1000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: String(SPH) });
});
afterAll(() => t.close());

const ms = (iso: string) => new Date(iso).getTime();
const as = async (user: string) => ({ token: await t.token(user) });
async function trail(id: number): Promise<TicketEventDto[]> {
  return (await t.req('GET', `/api/v1/tickets/${id}/events`, await as('supervisor'))).body;
}
const DEFAULTS = { extra_urgent: [2, 0.75, 0.25], urgent: [4, 0.75, 0.5], normal: [12, 0.75, 2] } as const;

describe('SLA policies', () => {
  afterEach(async () => {
    for (const [urgency, [resolutionHours, warningRatio, acceptLimitHours]] of Object.entries(DEFAULTS)) {
      await t.req('PUT', `/api/v1/sla-policies/${urgency}`, { ...(await as('admin')), body: { resolutionHours, warningRatio, acceptLimitHours, calendarId: null } });
    }
  });

  it('start from the contract: 2 / 4 / 12 hours, warning at 75%, sign-for 15 min / 30 min / 2 h', async () => {
    const res = await t.req('GET', '/api/v1/sla-policies', await as('supervisor'));
    expect(res.status).toBe(200);
    expect(res.body.map((p: any) => [p.urgency, p.resolutionHours, p.warningRatio, p.acceptLimitHours, p.calendarId])).toEqual([
      ['extra_urgent', 2, 0.75, 0.25, null],
      ['urgent', 4, 0.75, 0.5, null],
      ['normal', 12, 0.75, 2, null],
    ]);
  });

  it('an admin change applies to new tickets; existing ones keep the deadline they were given', async () => {
    const before = await t.newTicket({ urgency: 'extra_urgent' });
    const put = await t.req('PUT', '/api/v1/sla-policies/extra_urgent', { ...(await as('admin')), body: { resolutionHours: 1, warningRatio: 0.5, acceptLimitHours: 0.1 } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ urgency: 'extra_urgent', resolutionHours: 1, warningRatio: 0.5, calendarId: null });
    const after = await t.newTicket({ urgency: 'extra_urgent' });
    expect(ms(after.dueAt) - ms(after.createdAt)).toBe(1 * HOUR);
    const again = await t.req('GET', `/api/v1/tickets/${before.id}`, await as('agent'));
    expect(ms(again.body.dueAt) - ms(before.createdAt)).toBe(2 * HOUR);
  });

  it('only admins edit policies, and bad values are refused by name', async () => {
    const body = { resolutionHours: 3, warningRatio: 0.8, acceptLimitHours: 1 };
    expect((await t.req('PUT', '/api/v1/sla-policies/urgent', { ...(await as('supervisor')), body })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/sla-policies', await as('h-health'))).status).toBe(403);
    const cases: Array<[string, object, number, RegExp]> = [
      ['urgent', { ...body, warningRatio: 1.5 }, 400, /warningRatio/],
      ['urgent', { ...body, resolutionHours: -2 }, 400, /resolutionHours/],
      ['urgent', { ...body, resolutionHours: '4' }, 400, /resolutionHours/],
      ['urgent', { warningRatio: 0.5 }, 400, /resolutionHours/],
      ['urgent', { ...body, calendarId: 999 }, 400, /calendarId 999 is not a business calendar/],
      ['asap', body, 404, /no SLA policy for urgency .*asap/],
    ];
    for (const [urgency, b, status, why] of cases) {
      const res = await t.req('PUT', `/api/v1/sla-policies/${urgency}`, { ...(await as('admin')), body: b });
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body.details)).toMatch(why);
    }
  });

  it('a policy on a business calendar counts the window in working time', async () => {
    const bad = await t.req('POST', '/api/v1/calendars', { ...(await as('admin')), body: { name: '坏日历', weekdays: [[]], holidays: [], makeUpDays: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.details?.reason).toMatch(/7 days/);
    const cal = await t.req('POST', '/api/v1/calendars', { ...(await as('admin')), body: { name: '政府机关工作日', ...STANDARD_OFFICE_CALENDAR, holidays: ['2026-12-25'] } });
    expect(cal.status).toBe(201);
    const dup = await t.req('POST', '/api/v1/calendars', { ...(await as('admin')), body: { name: '政府机关工作日', ...STANDARD_OFFICE_CALENDAR } });
    expect(dup.status).toBe(409);
    await t.req('PUT', '/api/v1/sla-policies/normal', { ...(await as('admin')), body: { resolutionHours: 12, warningRatio: 0.75, acceptLimitHours: 2, calendarId: cal.body.id } });
    const tk = await t.newTicket({ urgency: 'normal' });
    const expected = addWorkingTime(new Date(tk.createdAt), 12 * HOUR, { ...STANDARD_OFFICE_CALENDAR, holidays: ['2026-12-25'] });
    expect(tk.dueAt).toBe(expected.toISOString());
  });
});

describe('extensions (延期)', () => {
  it('a handler asks, a supervisor approves: the deadline moves and only the new one fires', async () => {
    // signed in beforehand: the whole exchange must fit in the 特急 window (0.5 s here), and a sign-in hashes a password
    await Promise.all(['agent', 'supervisor', 'h-housing', 'h-health'].map((u) => t.token(u)));
    const tk = await t.newTicket({ urgency: 'extra_urgent', departmentId: t.dept('housing') });
    await drive(t, tk.id, [['accept', 'h-housing']]);
    const path = `/api/v1/tickets/${tk.id}/extension`;
    const asked = await t.req('POST', path, { ...(await as('h-housing')), body: { hours: 2, reason: '需协调施工单位' } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', hours: 2, reason: '需协调施工单位' });
    expect((await t.req('POST', path, { ...(await as('h-housing')), body: { hours: 1, reason: '再申请' } })).status).toBe(409);
    expect((await t.req('POST', path, { ...(await as('agent')), body: { hours: 1, reason: 'x' } })).status).toBe(403);
    expect((await t.req('POST', path, { ...(await as('h-health')), body: { hours: 1, reason: 'x' } })).status).toBe(404);
    expect((await t.req('POST', `${path}/approve`, { ...(await as('h-housing')), body: {} })).status).toBe(403);
    // 督办: the supervisors' list of requests waiting for a decision
    const pending = await t.req('GET', '/api/v1/extensions/pending', await as('supervisor'));
    expect(pending.status).toBe(200);
    expect(pending.body.filter((x: any) => x.ticketId === tk.id)).toEqual([
      expect.objectContaining({ id: asked.body.id, no: tk.no, departmentId: t.dept('housing'), urgency: 'extra_urgent', dueAt: tk.dueAt, hours: 2, status: 'pending' }),
    ]);
    for (const who of ['agent', 'h-housing']) expect((await t.req('GET', '/api/v1/extensions/pending', await as(who))).status).toBe(403);
    const approved = await t.req('POST', `${path}/approve`, { ...(await as('supervisor')), body: { note: '同意延期' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '同意延期' });
    const now = (await t.req('GET', `/api/v1/tickets/${tk.id}`, await as('agent'))).body;
    expect(ms(now.dueAt) - ms(tk.dueAt)).toBe(2 * HOUR);
    expect((await t.req('GET', '/api/v1/extensions/pending', await as('supervisor'))).body.some((x: any) => x.ticketId === tk.id)).toBe(false);
    expect((await t.req('POST', `${path}/approve`, { ...(await as('supervisor')), body: {} })).status).toBe(404);

    await sleep(ms(now.dueAt) - Date.now() + 700);
    const events = await eventually(
      () => trail(tk.id),
      (e) => e.some((x) => x.action === 'sla_breached'),
      'the breach at the extended deadline',
    );
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['extension_requested', 'extension_approved']));
    const breaches = events.filter((e) => e.action === 'sla_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0].data).toMatchObject({ dueAt: now.dueAt, deadlineVersion: 2 });
    expect(events.find((e) => e.action === 'extension_approved')!.data).toMatchObject({ previousDueAt: tk.dueAt, dueAt: now.dueAt, hours: 2 });

    const esc = await t.req('GET', '/api/v1/escalations', await as('supervisor'));
    expect(esc.body.find((e: any) => e.ticketId === tk.id)).toMatchObject({ kind: 'breach', status: 'open', no: tk.no, dueAt: now.dueAt });
    expect((await t.req('GET', '/api/v1/escalations', await as('agent'))).status).toBe(403);
  });

  it('a rejected request needs a note and leaves the deadline alone', async () => {
    const tk = await t.newTicket({ urgency: 'normal', departmentId: t.dept('civil') });
    const path = `/api/v1/tickets/${tk.id}/extension`;
    expect((await t.req('POST', path, { ...(await as('h-civil')), body: { hours: 0, reason: '太少' } })).status).toBe(400);
    expect((await t.req('POST', path, { ...(await as('h-civil')), body: { hours: 3, reason: ' ' } })).status).toBe(400);
    expect((await t.req('POST', path, { ...(await as('h-civil')), body: { hours: 3, reason: '材料未齐' } })).status).toBe(201);
    const noNote = await t.req('POST', `${path}/reject`, { ...(await as('supervisor')), body: {} });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body.details)).toMatch(/note/);
    const rejected = await t.req('POST', `${path}/reject`, { ...(await as('supervisor')), body: { note: '请按期办结' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '请按期办结' });
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}`, await as('agent'))).body.dueAt).toBe(tk.dueAt);
    const list = await t.req('GET', `/api/v1/tickets/${tk.id}/extensions`, await as('h-civil'));
    expect(list.body.map((e: any) => e.status)).toEqual(['rejected']);
  });

  it('no extension once the clock has stopped', async () => {
    const tk = await t.newTicket({ urgency: 'normal', departmentId: t.dept('civil') });
    await drive(t, tk.id, [
      ['accept', 'h-civil'],
      ['reply', 'h-civil', { reply: '已办结' }],
    ]);
    const res = await t.req('POST', `/api/v1/tickets/${tk.id}/extension`, { ...(await as('h-civil')), body: { hours: 1, reason: '迟到的申请' } });
    expect(res.status).toBe(409);
    expect(res.body.details?.reason).toMatch(/replied/);
  });
});

describe('queue dashboard (bull-board)', () => {
  it('is for admins only, and an admin token in the address moves into a cookie', async () => {
    expect((await fetch(`${t.url}/admin/queues`)).status).toBe(401);
    const agent = await t.token('agent');
    expect((await fetch(`${t.url}/admin/queues?access_token=${agent}`, { redirect: 'manual' })).status).toBe(403);
    const admin = await t.token('admin');
    const first = await fetch(`${t.url}/admin/queues?access_token=${admin}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/queues');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    const page = await fetch(`${t.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const queues = await fetch(`${t.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin}` } });
    expect(queues.status).toBe(200);
    expect(JSON.stringify(await queues.json())).toContain('sla');
  });
});
