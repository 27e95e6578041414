import { shanghaiDate } from '@hotline/domain';
import type { Page } from 'playwright-core';
import { ConsoleBrowser, screenshot } from '../support/browser';
import { seedTicket } from '../support/seed';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

// The console's supervision screens in Chromium (issue 14): a 特急 ticket tracked, followed up, supervised (督办), answered
// and closed; a leader's cases (包案) and instructions (阅批); the 积案 register. Real SLA hours: nothing falls due by
// itself during the walk except the one order given 36 seconds to turn red.
let t: TestApp;
const browser = new ConsoleBrowser({ width: 1600, height: 1000 });
const DAY = 86_400_000;
let lateOrderId = 0;
let oldCaseId = 0;

beforeAll(async () => {
  t = await startTestApp({});
  await browser.start();
  const admin = await t.token('admin');
  // a second agent for the supervisor to name as tracker
  const created = await t.req('POST', '/api/v1/users', { token: admin, body: { username: 'agent2', displayName: '话务员小张', role: 'agent', password: 'Tracker2026xyz' } });
  expect(created.status).toBe(201);
  // the 积案 register: open for 45 and 38 days (the older one a leader's case), reopened twice, and one cleared (closed
  // ten minutes ago after 40 days); numbered as the service numbers tickets, for the screenshots
  const seed = async (code: string, days: number, content: string, closed = false) => {
    const createdAt = new Date(Date.now() - days * DAY);
    const id = await seedTicket(t.sql, { departmentId: t.dept(code), createdAt, acceptedLate: false, repliedLate: false, closed, unreplied: !closed, content });
    await t.sql.query('UPDATE tickets SET no = ? WHERE id = ?', [`${shanghaiDate(createdAt).replace(/-/g, '')}-${String(900 + id).padStart(6, '0')}`, id]);
    return id;
  };
  oldCaseId = await seed('housing', 45, '老旧小区加装电梯协调多年未果，居民多次反映。');
  await seed('urban', 38, '夜市油烟噪音扰民，反复投诉仍未解决。');
  const reopened = await seed('environment', 6, '工地夜间施工噪音，两次答复后仍在施工。');
  await t.sql.query('UPDATE tickets SET reopen_count = 2, backlog_since = ? WHERE id = ?', [new Date(Date.now() - 2 * DAY), reopened]);
  const cleared = await seed('transport', 40, '公交站台顶棚破损漏雨，已修复。', true);
  const tenMinutesAgo = new Date(Date.now() - 600_000);
  await t.sql.query('UPDATE tickets SET replied_at = ?, closed_at = ?, updated_at = ? WHERE id = ?', [
    new Date(tenMinutesAgo.getTime() - 3_600_000),
    tenMinutesAgo,
    tenMinutesAgo,
    cleared,
  ]);
  const supervisor = await t.token('supervisor');
  const [[leader]] = await t.sql.query<any[]>("SELECT id FROM users WHERE username = 'leader'");
  expect((await t.req('POST', `/api/v1/tickets/${oldCaseId}/leader`, { token: supervisor, body: { leaderId: Number(leader.id), note: '积案，领导包案' } })).status).toBe(200);
  // an order at the leaders' level given 0.01 hours (36 s): red on the 督办 page by the time it is looked at
  const other = await t.newTicket({ urgency: 'normal', departmentId: t.dept('market'), content: '超市出售过期食品，要求查处。' });
  const order = await t.req('POST', `/api/v1/tickets/${other.id}/supervisions`, { token: supervisor, body: { level: 'leader', hours: 0.01, note: '市领导批示件，请立即核查' } });
  expect(order.status).toBe(201);
  lateOrderId = order.body.id;
}, 120_000);
// a loaded machine can take long to drain the API and its SLA worker: the hook waits for it rather than leave it running
afterAll(() => browser.close(t), 120_000);

function open(username: string, password = DEMO_PASSWORD): Promise<Page> {
  return browser.open(t.url, username, password);
}
/** Picks an option of a searchable select by typing it (the way the intake form is driven). */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-item-option-active', { hasText: text }).waitFor();
  await page.keyboard.press('Enter');
}
const submit = (page: Page) => page.getByRole('button', { name: /提\s*交/ }).click();

it('a 特急 ticket: tracked from registration, another tracker named, followed up, supervised, answered by the department and closed', async () => {
  const tk = await t.newTicket({
    urgency: 'extra_urgent',
    departmentId: t.dept('utilities'),
    content: '幸福小区燃气管道漏气，楼道里气味很重，请立即处理。',
    address: '幸福路88号',
  });

  // the registering agent tracks it: 我跟踪的 lists it with the next follow-up time
  const agent = await open('agent');
  await agent.getByRole('menuitem', { name: '我跟踪的' }).click();
  await agent.getByTestId('tracking-table').getByRole('link', { name: tk.no }).waitFor({ timeout: 15_000 });
  expect(await agent.getByTestId(`tracking-due-${tk.no}`).textContent()).toMatch(/^剩余 (29|30)分/);
  await agent.getByTestId('tracking-table').getByRole('link', { name: tk.no }).click();
  await agent.getByTestId('case-tracker').getByText('话务员小李').waitFor({ timeout: 15_000 });
  await agent.getByTestId('case-follow_up').waitFor();

  // the supervisor names another tracker; the agent's open page follows live
  const supervisor = await open('supervisor');
  await supervisor.goto(`${t.url}/tickets/${tk.id}`);
  await supervisor.getByTestId('case-assign_tracker').click();
  await pick(supervisor, 'form-tracker', '话务员小张');
  await submit(supervisor);
  await supervisor.getByText('指定跟踪人成功').waitFor();
  await supervisor.getByTestId('case-tracker').getByText('话务员小张').waitFor();
  await agent.getByTestId('case-tracker').getByText('话务员小张').waitFor({ timeout: 15_000 });
  await agent.getByTestId('case-take').waitFor();

  // the new tracker logs a follow-up
  const agent2 = await open('agent2', 'Tracker2026xyz');
  await agent2.getByRole('menuitem', { name: '我跟踪的' }).click();
  await agent2.getByTestId('tracking-table').getByRole('link', { name: tk.no }).click();
  await agent2.getByTestId('case-follow_up').click();
  await agent2.getByTestId('form-follow-up-note').fill('已电话联系燃气公司调度，抢修人员20分钟内到场。');
  await submit(agent2);
  await agent2.getByText('记录跟踪成功').waitFor();
  const item = agent2.getByTestId('follow-up-item').first();
  await item.getByText('联系承办单位').waitFor();
  await item.getByText('话务员小张').waitFor();
  await item.getByText('已电话联系燃气公司调度，抢修人员20分钟内到场。').waitFor();

  // the supervisor gives a 督办 order
  await supervisor.getByTestId('case-supervise').click();
  await supervisor.getByLabel(/反馈时限/).fill('1');
  await supervisor.getByTestId('form-supervise-note').fill('特急燃气泄漏，请1小时内反馈处置情况。');
  await submit(supervisor);
  await supervisor.getByText('发起督办成功').waitFor();
  const orderRow = supervisor.getByTestId('case-orders').locator('tr[data-status="open"]');
  await orderRow.getByText('中心督办').waitFor();
  await orderRow.getByText('待反馈').waitFor();
  expect(await orderRow.locator('[data-tone]').textContent()).toMatch(/^剩余 (59|1小时0)分/);
  const [[order]] = await t.sql.query<any[]>("SELECT id FROM supervisions WHERE ticket_id = ? AND kind = 'manual'", [tk.id]);
  const orderId = Number(order.id);

  // the department: its inbox flags the ticket and lists the order awaiting its response; it answers there
  const handler = await open('h-utilities');
  await handler.getByTestId(`inbox-pressure-${tk.no}`).getByText('督办待反馈 1 件').waitFor({ timeout: 15_000 });
  await handler.getByTestId('inbox-orders-tab').click();
  await handler.getByTestId('inbox-orders').getByRole('link', { name: tk.no }).waitFor({ timeout: 15_000 });
  await handler.getByTestId(`order-respond-${orderId}`).click();
  await handler.getByTestId('form-order-note').fill('已关闭楼栋总阀，抢修队伍到场更换管段，今晚恢复供气。');
  await submit(handler);
  await handler.getByText(`工单 ${tk.no} 的督办已反馈`).waitFor();
  await handler.getByTestId(`order-respond-${orderId}`).waitFor({ state: 'detached' });

  // the supervisor hears it, and closes the order on the 督办 page
  await supervisor.getByText(`工单 ${tk.no} 的督办单已反馈，待办结`).waitFor({ timeout: 15_000 });
  await supervisor.getByRole('menuitem', { name: '督办' }).click();
  const orders = supervisor.getByTestId('supervision-orders');
  await orders
    .getByTestId(`order-response-${orderId}`)
    .getByText(/已关闭楼栋总阀/)
    .waitFor({ timeout: 15_000 });
  // the leaders' order given 36 seconds is overdue: red
  await supervisor.locator(`[data-testid="order-due-${lateOrderId}"][data-tone="red"]`).waitFor({ timeout: 60_000 });
  await orders.getByText('领导督办').first().waitFor();
  await screenshot(supervisor, '23-supervision-orders');
  await supervisor.getByTestId(`order-close-${orderId}`).click();
  await supervisor.getByTestId('form-order-note').fill('已核实处置到位');
  await submit(supervisor);
  await supervisor.getByText(`工单 ${tk.no} 的督办已办结`).waitFor();
  await orders.locator(`tr[data-testid="order-row-${orderId}"][data-status="closed"]`).waitFor({ timeout: 15_000 });
  const [[closed]] = await t.sql.query<any[]>('SELECT status, response, close_note FROM supervisions WHERE id = ?', [orderId]);
  expect(closed).toMatchObject({ status: 'closed', response: '已关闭楼栋总阀，抢修队伍到场更换管段，今晚恢复供气。', close_note: '已核实处置到位' });

  // a leader is given the case; the leader's instruction reaches the department's open page live
  await supervisor.goto(`${t.url}/tickets/${tk.id}`);
  await supervisor.getByTestId('case-assign_leader').click();
  await pick(supervisor, 'form-leader', '分管领导陈刚');
  await submit(supervisor);
  await supervisor.getByText('指定包案领导成功').waitFor();
  await handler.goto(`${t.url}/tickets/${tk.id}`);
  await handler.getByTestId('case-leader').getByText('分管领导陈刚').waitFor({ timeout: 15_000 });
  const leader = await open('leader');
  expect(new URL(leader.url()).pathname).toBe('/leader');
  await leader.getByTestId(`leader-instruct-${tk.no}`).click();
  await leader.getByTestId('leader-instruction-text').fill('请燃气公司连夜排查整栋管线，明日上午报送排查结果。');
  await submit(leader);
  await leader.getByText(`已阅批工单 ${tk.no}`).waitFor();
  await leader.getByTestId('leader-instructions').getByText('请燃气公司连夜排查整栋管线，明日上午报送排查结果。').waitFor({ timeout: 15_000 });
  await handler.getByTestId('instruction-item').getByText('请燃气公司连夜排查整栋管线，明日上午报送排查结果。').waitFor({ timeout: 15_000 });
  await handler.getByText(`工单 ${tk.no} 有领导阅批`).waitFor();

  // the leader's page: both cases, the 积案 among them
  const cases = leader.getByTestId('leader-cases');
  await cases.getByRole('link', { name: tk.no }).waitFor();
  await cases.getByText('老旧小区加装电梯协调多年未果，居民多次反映。').waitFor();
  await leader.getByTestId('leader-counts').getByText('包案 2 件，未办结 2 件').waitFor();
  await screenshot(leader, '24-leader-cases');

  // the case file shows every step, by name; the 跟踪督办 card in one view
  await supervisor.reload();
  await supervisor.locator('[data-testid="timeline-item"][data-action="instruct"]').waitFor({ timeout: 15_000 });
  const steps = await supervisor.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  expect(steps.filter((s) => !/^(sla_|accept_overdue|follow_up_missed)/.test(s ?? ''))).toEqual([
    'create',
    'track',
    'dispatch',
    'track',
    'follow_up',
    'supervise',
    'supervision_response',
    'supervision_close',
    'assign_leader',
    'instruct',
  ]);
  expect(await supervisor.locator('[data-testid="timeline-item"][data-action="track"]').nth(1).getByTestId('timeline-to').textContent()).toBe('跟踪人：话务员小张');
  await supervisor.getByTestId('case-orders').locator(`tr[data-status="closed"]`).getByText('已办结').first().waitFor();
  await supervisor.setViewportSize({ width: 1600, height: 1300 });
  await supervisor.getByTestId('case-card').waitFor();
  // the card at the top of the view, a little of the ticket above it
  await supervisor.evaluate('window.scrollTo(0, document.querySelector(\'[data-testid="case-card"]\').offsetTop - 80)');
  await screenshot(supervisor, '22-ticket-tracking');
}, 240_000);

it('the 积案 register: age in days, reasons, owner, leader, progress; and 清零 progress per department', async () => {
  const supervisor = await open('supervisor');
  await supervisor.getByRole('menuitem', { name: '积案' }).click();
  const register = supervisor.getByTestId('backlog-register');
  const row = register.locator('tr', { hasText: '老旧小区加装电梯协调多年未果' });
  await row.waitFor({ timeout: 15_000 });
  await row.getByText('超期未办结').waitFor();
  await row.getByText('45 天').waitFor();
  await row.getByText('住房和城乡建设局').waitFor();
  await row.getByText('分管领导陈刚').waitFor();
  await register.locator('tr', { hasText: '夜市油烟噪音扰民' }).getByText('未包案').waitFor();
  const twice = register.locator('tr', { hasText: '工地夜间施工噪音' });
  await twice.getByText('多次重办').waitFor();
  await twice.getByText('6 天').waitFor();
  await twice.getByText('重办 2 次').waitFor();
  expect(await register.locator('tbody tr.ant-table-row').count()).toBe(3);
  await supervisor.getByTestId('backlog-total').getByText('在册积案 3 件').waitFor();
  // this quarter: four tickets on the register at its start or added in it, one cleared ten minutes ago
  await supervisor.getByTestId('backlog-period').getByText('按季度').click();
  await supervisor.locator('.ant-segmented-item-selected', { hasText: '按季度' }).waitFor();
  await supervisor
    .getByTestId('backlog-progress-total')
    .getByText(/清零 1 件，现有 3 件，清零率 25\.0%/)
    .waitFor({ timeout: 15_000 });
  const transport = supervisor.getByTestId('backlog-progress').locator('tr', { hasText: '交通运输局' });
  await transport.getByText('100.0%').waitFor();
  const housing = supervisor.getByTestId('backlog-progress').locator('tr', { hasText: '住房和城乡建设局' });
  await housing.getByText('0.0%').waitFor();
  await supervisor.waitForTimeout(500); // the period switch's slide
  await screenshot(supervisor, '25-backlog-register');
}, 120_000);
