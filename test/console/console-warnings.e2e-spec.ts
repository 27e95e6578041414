import type { WarningDto } from '@hotline/contracts';
import { shanghaiDayRange } from '@hotline/domain';
import type { Page } from 'playwright-core';
import { ConsoleBrowser, screenshot } from '../support/browser';
import { seedTicket } from '../support/seed';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

// The console's 预警 page in Chromium: a department's handler watches its warnings, one is issued while the page is
// open (it arrives over the live connection, no reload), the handler signs for it (签收) and the API records who.
// Days as periods; a warning needs at least 5 and more than 50 % over the 3 days before; checks only on request.
let t: TestApp;
const browser = new ConsoleBrowser({ width: 1600, height: 900 });
const DAY = 86_400_000;
const now = new Date();
const today = shanghaiDayRange(now);
/** A moment of today already past, however early in the day the test runs. */
const todayAt = (i: number) => new Date(today.from.getTime() + ((now.getTime() - today.from.getTime()) * (i + 1)) / 40);
const dayBefore = (n: number, i = 0) => new Date(today.from.getTime() - n * DAY + 3_600_000 + i * 60_000);

beforeAll(async () => {
  t = await startTestApp({ WARNING_PERIOD: 'day', WARNING_MIN_COUNT: '5', WARNING_GROWTH_PERCENT: '50', WARNING_BASELINE_PERIODS: '3', WARNING_CHECK_SECONDS: '0' });
  await browser.start();
  // the demo's tickets are today's: move them out of the way
  await t.sql.query('UPDATE tickets SET created_at = created_at - INTERVAL 30 DAY, due_at = due_at - INTERVAL 30 DAY');
  const seed = (code: string, createdAt: Date, more: object = {}) =>
    seedTicket(t.sql, { departmentId: t.dept(code), createdAt, acceptedLate: false, repliedLate: false, closed: true, ...more });
  // 交通运输局: 12 today against 4 a day -> +200 %
  for (let i = 0; i < 12; i++) await seed('transport', todayAt(i));
  for (let d = 1; d <= 3; d++) for (let i = 0; i < 4; i++) await seed('transport', dayBefore(d, i));
  // 综合行政执法局, all in 青山苑: 8 today against 2 a day -> the department and the area (the screenshot's other rows)
  for (let i = 0; i < 8; i++) await seed('urban', todayAt(i), { areaKey: '青山苑' });
  for (let d = 1; d <= 3; d++) for (let i = 0; i < 2; i++) await seed('urban', dayBefore(d, i), { areaKey: '青山苑' });
  // 公安局: registered long ago; 6 deadlines missed today against 1 a day -> 超期件 +500 %
  const long = new Date(today.from.getTime() - 10 * DAY);
  for (let i = 0; i < 6; i++) await seed('police', long, { unreplied: true, closed: false, dueAt: todayAt(i) });
  for (let d = 1; d <= 3; d++) await seed('police', long, { unreplied: true, closed: false, dueAt: dayBefore(d) });
}, 120_000);
// a loaded machine can take long to drain the API and its SLA worker: the hook waits for it rather than leave it running
afterAll(() => browser.close(t), 120_000);

function open(username: string): Promise<Page> {
  return browser.open(t.url, username, DEMO_PASSWORD);
}

it('a department’s handler sees a warning arrive live, signs for it, and the API records it acknowledged', async () => {
  const handler = await open('h-transport');
  await handler.getByRole('menuitem', { name: '预警' }).click();
  await handler.getByText('暂无待签收的预警').waitFor({ timeout: 15_000 });
  // warnings are not caught up after a gap: the event must find the page connected
  await handler.getByText('实时连接正常').waitFor({ timeout: 15_000 });
  // a reload would lose this mark
  await handler.evaluate(() => void ((globalThis as unknown as { sameLoad: boolean }).sameLoad = true));

  // the check finds the growth (workers do it every WARNING_CHECK_SECONDS; here on request)
  const check = await t.req('POST', '/api/v1/warnings/check', { token: await t.token('supervisor') });
  expect(check.status).toBe(200);
  const transport = (check.body.issued as WarningDto[]).find((w) => w.departmentId === t.dept('transport'))!;
  expect(transport).toMatchObject({ scope: 'department', metric: 'volume', current: 12, previous: 4, growth: 2, status: 'open' });

  const row = handler.getByTestId(`warning-${transport.id}`);
  await row.waitFor({ timeout: 20_000 });
  await handler.getByText('预警：部门“交通运输局”受理量上升').waitFor();
  await handler.getByText('本期 12件，前期平均 4件，增长 200.0%，请及时签收').waitFor();
  expect(await handler.evaluate(() => (globalThis as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
  const texts = (await row.locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ''));
  expect(texts.slice(0, 5)).toEqual(['部门交通运输局', '受理量', '12件', '4件', '+200.0%']);
  expect(texts[7]).toBe('待签收');
  // the department sees its own only: not 综合行政执法局's, not the area's
  expect(await handler.getByTestId('warning-table').locator('tbody tr[data-row-key]').count()).toBe(1);
  await handler.getByText('待签收（1件）').waitFor();

  await handler.getByTestId(`warning-ack-${transport.id}`).click();
  await handler.getByText('交通运输局受理量预警已签收').waitFor({ timeout: 15_000 });
  await handler.getByText('暂无待签收的预警').waitFor({ timeout: 15_000 });
  await handler.getByText('待签收（0件）').waitFor();

  // the API has it acknowledged, by this handler
  const [[me]] = await t.sql.query<any[]>("SELECT id FROM users WHERE username = 'h-transport'");
  const listed = await t.req('GET', '/api/v1/warnings?status=acknowledged', { token: await t.token('supervisor') });
  expect(listed.status).toBe(200);
  expect(listed.body.items).toEqual([expect.objectContaining({ id: transport.id, status: 'acknowledged', acknowledgedBy: Number(me.id), acknowledgedAt: expect.any(String) })]);
  // and the page lists it under 已签收
  await handler.getByTestId('warning-filter').getByText('已签收').click();
  await row.getByText('已签收').waitFor({ timeout: 15_000 });
  expect(await handler.getByTestId(`warning-ack-${transport.id}`).count()).toBe(0);
}, 120_000);

it('a supervisor sees every department’s and area’s warnings and signs for an area’s; a leader reads only', async () => {
  const supervisor = await open('supervisor');
  await supervisor.getByRole('menuitem', { name: '预警' }).click();
  // the longest menu (eight screens) still fits the header: the last entry is not folded away
  expect(await supervisor.getByRole('menuitem', { name: '工单' }).isVisible()).toBe(true);
  const area = supervisor.getByTestId('warning-table').locator('tbody tr', { hasText: '青山苑' });
  await area.waitFor({ timeout: 15_000 });
  await supervisor.getByText('待签收（3件）').waitFor();
  await supervisor.getByTestId('warning-table').locator('tbody tr', { hasText: '公安局' }).getByText('超期件').waitFor();
  await area.getByRole('button', { name: /签\s*收/ }).click();
  await supervisor.getByText('青山苑受理量预警已签收').waitFor({ timeout: 15_000 });
  await supervisor.getByTestId('warning-filter').getByText('全部').click();
  await supervisor.getByTestId('warning-table').locator('tbody tr[data-row-key]').nth(3).waitFor({ timeout: 15_000 });
  // the filter's highlight slides across: let it settle before the picture
  await supervisor
    .locator('.ant-segmented-thumb')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await screenshot(supervisor, '26-warnings');

  const leader = await open('leader');
  await leader.getByRole('menuitem', { name: '预警' }).click();
  await leader.getByTestId('warning-table').locator('tbody tr', { hasText: '综合行政执法局' }).waitFor({ timeout: 15_000 });
  expect(await leader.getByRole('button', { name: /签\s*收/ }).count()).toBe(0);
  const [rows] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM warnings WHERE status = 'acknowledged'");
  expect(Number(rows[0].n)).toBe(2);
}, 120_000);
