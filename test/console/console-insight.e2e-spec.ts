import { previousPeriod, shanghaiDate, shanghaiMonthRange } from '@hotline/domain';
import type { Page } from 'playwright-core';
import { ConsoleBrowser, screenshot } from '../support/browser';
import { seedTicket } from '../support/seed';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

// The console's 赛马晾晒 page in Chromium, over two seeded months.
let t: TestApp;
const browser = new ConsoleBrowser();
const lastMonth = shanghaiMonthRange(new Date(shanghaiMonthRange(new Date()).from.getTime() - 1));
const monthBefore = previousPeriod('month', lastMonth);
const at = (p: { from: Date }, h: number) => new Date(p.from.getTime() + 9 * 86_400_000 + h * 3_600_000);

beforeAll(async () => {
  t = await startTestApp({ FIGURES_CACHE_SECONDS: '0' });
  await browser.start();
  // last month: 住建 perfect, 卫健 late; the month before the other way round
  for (const [p, good, bad] of [
    [lastMonth, 'housing', 'health'],
    [monthBefore, 'health', 'housing'],
  ] as const) {
    await seedTicket(t.sql, { departmentId: t.dept(good), createdAt: at(p, 0), acceptedLate: false, repliedLate: false, closed: false });
    await seedTicket(t.sql, { departmentId: t.dept(bad), createdAt: at(p, 1), acceptedLate: true, repliedLate: true, closed: false });
  }
}, 60_000);
// a loaded machine can take long to drain the API and its SLA worker: the hook waits for it rather than leave it running
afterAll(() => browser.close(t), 60_000);

function open(username: string): Promise<Page> {
  return browser.open(t.url, username, DEMO_PASSWORD);
}

it('a supervisor opens 赛马晾晒: the ranking with its moves, and the chart of scores over the last 12 months', async () => {
  const page = await open('supervisor');
  await page.getByRole('menuitem', { name: '赛马晾晒' }).click();
  await page.getByTestId('ranking-table').waitFor({ timeout: 15_000 });
  // last month, picked in the date field
  await page.getByPlaceholder('选择日期').fill(shanghaiDate(at(lastMonth, 0)));
  await page.keyboard.press('Enter');
  const first = page.getByTestId('ranking-table').locator('tbody tr').first();
  await first.getByText('住房和城乡建设局').waitFor({ timeout: 15_000 });
  await first.getByText('100.00分').waitFor();
  // 积案清零率 has its column: the departments without 积案 say so
  await page.getByTestId('ranking-table').getByRole('columnheader', { name: '积案清零率' }).waitFor();
  await page.getByTestId('ranking-table').locator('tbody tr').last().getByText('无积案').waitFor();
  await first.getByTestId('rank-up').getByText('上升1名').waitFor();
  await page.getByTestId('ranking-table').locator('tbody tr').nth(1).getByTestId('rank-down').getByText('下降1名').waitFor();
  const canvas = page.getByTestId('score-chart').locator('canvas');
  await canvas.waitFor({ timeout: 15_000 });
  const box = await canvas.boundingBox();
  expect(box!.width).toBeGreaterThan(400);
  expect(box!.height).toBeGreaterThan(200);
  await page.setViewportSize({ width: 1600, height: 1500 });
  await screenshot(page, '17-rankings');

  // 通报: issue last month's, then print it
  await page.getByTestId('bulletin-issue').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByText(/年第1期通报已印发/).waitFor({ timeout: 15_000 });
  const [[row]] = await t.sql.query<any[]>('SELECT id, no FROM bulletins');
  // the browser's print dialog would block a headless page: record that the page asked for it instead
  await page.context().addInitScript(() => {
    const w = globalThis as unknown as { print: () => void; printed: boolean };
    w.print = () => void (w.printed = true);
  });
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId(`bulletin-print-${row.id}`).click()]);
  await popup.waitForLoadState();
  await popup.getByRole('heading', { name: '12345热线办理情况通报' }).waitFor();
  await popup.getByText(row.no).first().waitFor();
  await popup.getByText('本期排名前三：住房和城乡建设局（100.00分）、卫生健康局（28.57分）。').waitFor();
  await popup.waitForFunction(() => (globalThis as unknown as { printed?: boolean }).printed === true);
  // printed on A4 as Chromium prints it
  await popup.emulateMedia({ media: 'print' });
  const pdf = await popup.pdf({ format: 'A4', preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await popup.emulateMedia({ media: 'screen' });
  await screenshot(popup, '20-bulletin-print');
}, 90_000);

it('a supervisor opens an incident (专项); the agent sees its banner on intake and a matching call is tagged', async () => {
  const supervisor = await open('supervisor');
  await supervisor.getByRole('menuitem', { name: '专项' }).click();
  await supervisor.getByTestId('incident-create').click();
  const dialog = supervisor.getByRole('dialog');
  await dialog.getByLabel('专项名称').fill('台风“海葵”防汛专项');
  const keywords = dialog.getByTestId('incident-keywords').locator('input');
  await keywords.fill('积水');
  await keywords.press('Enter');
  await keywords.fill('内涝');
  await keywords.press('Enter');
  await dialog.getByLabel(/专项办理时限/).fill('12');
  await dialog.getByTestId('incident-banner-text').fill('台风期间积水、内涝报修请直接派综合行政执法局，答复口径见知识库“防汛专项”。');
  await dialog.getByRole('button', { name: /开启专项/ }).click();
  await supervisor.getByText('专项已开启').waitFor();
  await supervisor.getByTestId('incident-board').waitFor({ timeout: 15_000 });

  const agent = await open('agent');
  const banner = agent.getByTestId('incident-banner');
  await banner.getByText('专项：台风“海葵”防汛专项（办理时限12小时）').waitFor({ timeout: 15_000 });
  await banner.getByText(/答复口径见知识库/).waitFor();
  await screenshot(agent, '18-intake-incident-banner');
  const tk = await t.newTicket({ content: '我家楼下积水已经没过膝盖了', urgency: 'normal' });
  const [[row]] = await t.sql.query<any[]>('SELECT id FROM incidents WHERE name = ?', ['台风“海葵”防汛专项']);
  expect(tk.incidentId).toBe(row.id);
  // the board counts it
  await supervisor.getByRole('cell', { name: '台风“海葵”防汛专项' }).click();
  await supervisor.getByTestId('incident-board').getByText('1').first().waitFor({ timeout: 15_000 });
  await screenshot(supervisor, '19-incident-board');
  // the wallboard: this month's ranking and the open incident's figures
  await supervisor.getByRole('menuitem', { name: '监控大屏' }).click();
  await supervisor
    .getByTestId('wallboard-incidents')
    .getByText(/台风“海葵”防汛专项：受理 1件/)
    .waitFor({ timeout: 20_000 });
  await supervisor.getByTestId('wallboard-ranking').waitFor();
  await screenshot(supervisor, '21-wallboard-insight');
}, 90_000);

it('an admin gives 积案清零率 points in 计分权重设置: the ranking is scored with them at once', async () => {
  const page = await open('admin');
  await page.getByRole('menuitem', { name: '赛马晾晒' }).click();
  const editor = page.getByTestId('weights-editor');
  await editor.waitFor({ timeout: 15_000 });
  const backlog = editor.getByTestId('weight-backlogClearedRate').locator('input');
  await expect(backlog.inputValue()).resolves.toBe('0.00');
  await backlog.fill('10');
  // 110 points: not saved
  await editor.getByTestId('weights-sum').getByText('合计 110分（须为 100分）').waitFor();
  expect(await editor.getByTestId('weights-save').isDisabled()).toBe(true);
  await editor.getByTestId('weight-satisfactionRate').locator('input').fill('20');
  await editor.getByTestId('weights-sum').getByText('合计 100分（须为 100分）').waitFor();
  await editor.getByTestId('weights-save').click();
  await page.getByText('计分权重已保存，排名已按新权重计算').waitFor({ timeout: 15_000 });
  await page.getByText('积案清零率 10分').waitFor({ timeout: 15_000 });
  const [[row]] = await t.sql.query<any[]>('SELECT weights FROM ranking_weights WHERE id = 1');
  expect(JSON.parse(row.weights)).toMatchObject({ satisfactionRate: 20, backlogClearedRate: 10 });
}, 60_000);
