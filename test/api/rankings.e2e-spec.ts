import ExcelJS from 'exceljs';
import { RANKING_WEIGHT_NAMES, type RankingDto } from '@hotline/contracts';
import { previousPeriod, shanghaiDate, shanghaiMonthRange } from '@hotline/domain';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';
import { seedTicket } from '../support/seed';

let t: TestApp;
let A: number; // health: the better department last month
let B: number; // market
// last month (ended), and the month before it
const lastMonth = shanghaiMonthRange(new Date(shanghaiMonthRange(new Date()).from.getTime() - 1));
const monthBefore = previousPeriod('month', lastMonth);
const day = (p: { from: Date }, d: number, h = 0) => new Date(p.from.getTime() + (d - 1) * 86_400_000 + h * 3_600_000);
const DATE = shanghaiDate(day(lastMonth, 15));

beforeAll(async () => {
  // figures are never kept: the tests write into periods the wallboard has already looked at
  t = await startTestApp({ FIGURES_CACHE_SECONDS: '0' });
  A = t.dept('health');
  B = t.dept('market');
  const at = (h: number) => day(lastMonth, 10, h);
  // A: 4 dispatched, all signed for in time, 3 of 4 replied by the deadline, 2 of 2 callbacks satisfied, no returns
  for (let i = 0; i < 4; i++) {
    const id = await seedTicket(t.sql, { departmentId: A, createdAt: at(i), acceptedLate: false, repliedLate: i === 3, closed: i < 2 });
    if (i < 2)
      await t.sql.query(
        "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'callback', 'replied', 'closed', 1, 'agent', ?, '{}')",
        [id, at(i + 8)],
      );
  }
  // B: 2 dispatched, 1 of 2 signed for in time, both replied in time, 1 of 2 callbacks satisfied, 1 return of 3 dispatches
  const b1 = await seedTicket(t.sql, { departmentId: B, createdAt: at(1), acceptedLate: true, repliedLate: false, closed: true, dispatches: 2, returns: 1 });
  const b2 = await seedTicket(t.sql, { departmentId: B, createdAt: at(2), acceptedLate: false, repliedLate: false, closed: false });
  await t.sql.query(
    "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'callback', 'replied', 'closed', 1, 'agent', ?, '{}')",
    [b1, at(9)],
  );
  await t.sql.query(
    "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'callback', 'replied', 'dispatched', 1, 'agent', ?, '{}')",
    [b2, at(9)],
  );
  // the month before: B perfect, A late
  const before = (h: number) => day(monthBefore, 10, h);
  await seedTicket(t.sql, { departmentId: B, createdAt: before(0), acceptedLate: false, repliedLate: false, closed: false });
  await seedTicket(t.sql, { departmentId: A, createdAt: before(0), acceptedLate: true, repliedLate: true, closed: false });
}, 60_000);
afterAll(async () => t.close());

const get = async (query: string, as = 'supervisor') => t.req<RankingDto>('GET', `/api/v1/rankings${query}`, { token: await t.token(as) });

describe('GET /rankings', () => {
  it('scores equal the hand-computed ones, best first, previous ranks from the month before', async () => {
    const res = await get(`?period=month&date=${DATE}`);
    expect(res.status).toBe(200);
    expect(res.body.period).toBe('month');
    expect(res.body.from).toBe(lastMonth.from.toISOString());
    expect(res.body.to).toBe(lastMonth.to.toISOString());
    const [first, second, ...rest] = res.body.items;
    // A: 20·4/4 + 30·3/4 + 30·2/2 + 10·(1 − 0/4) + 10·(1 − 0/4) = 92.5
    expect(first).toMatchObject({ departmentId: A, rank: 1, previousRank: 2, score: 92.5 });
    expect(first.kpis.onTimeReplyRate).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(first.kpis.returnRate).toEqual({ numerator: 0, denominator: 4, rate: 0 });
    // B: 20·1/2 + 30·2/2 + 30·1/2 + 10·(1 − 1/3) + 10·(1 − 0/2) = 71.666… -> 71.67
    expect(second).toMatchObject({ departmentId: B, rank: 2, previousRank: 1, score: 71.67 });
    expect(second.kpis.returnRate).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect(second.kpis.satisfactionRate).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    // the rest had nothing to score: null, in id order, ranks 3..13, no previous rank
    expect(rest.map((r) => r.score)).toEqual(rest.map(() => null));
    expect(rest.map((r) => r.departmentId)).toEqual([...rest.map((r) => r.departmentId)].sort((x, y) => x - y));
    expect(rest.map((r) => r.rank)).toEqual(rest.map((_, i) => i + 3));
    expect(rest.every((r) => r.previousRank === null)).toBe(true);
    expect(res.body.items).toHaveLength(13);
  });

  it('the weights decide the score at once; a stale version is 409', async () => {
    const admin = await t.token('admin');
    const before = await t.req('GET', '/api/v1/rankings/weights', { token: admin });
    expect(before.status).toBe(200);
    expect(Object.keys(before.body.weights).sort()).toEqual([...RANKING_WEIGHT_NAMES].sort());
    const only = { onTimeAcceptRate: 0, onTimeReplyRate: 0, satisfactionRate: 100, returnRate: 0, repeatCallRate: 0 };
    const put = await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body: { weights: only, version: before.body.version } });
    expect(put.status).toBe(200);
    // sent without 积案清零率 (as a client written before it): stored and answered as 0
    expect(put.body.weights).toEqual({ ...only, backlogClearedRate: 0 });
    const stale = await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body: { weights: only, version: before.body.version } });
    expect(stale.status).toBe(409);
    const res = await get(`?period=month&date=${DATE}`);
    expect(res.body.items.slice(0, 2).map((r) => [r.departmentId, r.score])).toEqual([
      [A, 100],
      [B, 50],
    ]);
    const back = await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body: { weights: before.body.weights } });
    expect(back.status).toBe(200);
  });

  it('积案清零率 is a weight of its own; a set stored before it existed reads it as 0 and ranks as before', async () => {
    const admin = await t.token('admin');
    const before = await t.req('GET', '/api/v1/rankings/weights', { token: admin });
    // last month each of A and B had one 积案 added (their tickets of the month before, open 30 days) and none cleared
    const initial = await get(`?period=month&date=${DATE}`);
    for (const d of [A, B]) expect(initial.body.items.find((i) => i.departmentId === d)!.kpis.backlogClearedRate).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    const six = { onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 20, returnRate: 10, repeatCallRate: 10, backlogClearedRate: 10 };
    const put = await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body: { weights: six } });
    expect(put.status).toBe(200);
    expect(put.body.weights).toEqual(six);
    const res = await get(`?period=month&date=${DATE}`);
    // A: 20·1 + 30·3/4 + 20·2/2 + 10·1 + 10·1 + 10·0/1 = 82.5; B: 20·1/2 + 30·1 + 20·1/2 + 10·(1 − 1/3) + 10·1 + 10·0 = 66.666… -> 66.67
    expect(res.body.items.slice(0, 2).map((r) => [r.departmentId, r.score])).toEqual([
      [A, 82.5],
      [B, 66.67],
    ]);
    expect(res.body.weights).toEqual(six);
    // a set stored before 积案清零率 existed (five weights summing to 100): read with it at 0, the scores as they were
    await t.sql.query('UPDATE ranking_weights SET weights = ? WHERE id = 1', [
      JSON.stringify({ onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 30, returnRate: 10, repeatCallRate: 10 }),
    ]);
    const old = await t.req('GET', '/api/v1/rankings/weights', { token: admin });
    expect(old.body.weights).toEqual({ onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 30, returnRate: 10, repeatCallRate: 10, backlogClearedRate: 0 });
    const asBefore = await get(`?period=month&date=${DATE}`);
    expect(asBefore.body.items.slice(0, 2).map((r) => [r.departmentId, r.score])).toEqual([
      [A, 92.5],
      [B, 71.67],
    ]);
    // six that do not sum to 100: a named 400
    const bad = await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body: { weights: { ...six, backlogClearedRate: 20 } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('weights must sum to 100, they sum to 110');
    expect((await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body: { weights: before.body.weights } })).status).toBe(200);
  });

  it('history: each department over the last periods, oldest first', async () => {
    const res = await t.req('GET', `/api/v1/rankings/history?period=month&date=${DATE}&count=3`, { token: await t.token('admin') });
    expect(res.status).toBe(200);
    expect(res.body.periods).toHaveLength(3);
    expect(res.body.periods[2].from).toBe(lastMonth.from.toISOString());
    expect(res.body.periods[1].from).toBe(monthBefore.from.toISOString());
    expect(res.body.periods[2].items.find((i: any) => i.departmentId === A)).toEqual({ departmentId: A, rank: 1, score: 92.5 });
    expect(res.body.periods[1].items[0]).toEqual({ departmentId: B, rank: 1, score: 100 });
  });

  it("the wallboard shows this month's best and worst", async () => {
    // this month: C perfect, D late, E in between, F, G: five scored departments
    const now = shanghaiMonthRange(new Date()).from;
    const at = (h: number) => new Date(Math.min(Date.now() - 60_000, now.getTime() + h * 60_000));
    const codes = ['urban', 'police', 'civil', 'hrss', 'education'];
    for (const [i, code] of codes.entries()) {
      await seedTicket(t.sql, { departmentId: t.dept(code), createdAt: at(i), acceptedLate: i >= 2, repliedLate: i >= 1, closed: false });
    }
    const seeded = Date.now();
    const current = await get('?period=month');
    const scored = current.body.items.filter((i) => i.score !== null);
    // a snapshot whose figures were taken after the seeding (one taken while it ran may already show three)
    const wb = await eventually(
      async () => (await t.req('GET', '/api/v1/wallboard', { token: await t.token('supervisor') })).body,
      (w: any) => w.ranking?.top?.length === 3 && Date.parse(w.kpisAt) > seeded,
      'the ranking on the wallboard',
      30_000,
      500,
    );
    expect(wb.ranking.from).toBe(current.body.from);
    expect(wb.ranking.top.map((i: any) => i.departmentId)).toEqual(scored.slice(0, 3).map((i) => i.departmentId));
    expect(wb.ranking.bottom.map((i: any) => i.departmentId)).toEqual(scored.slice(Math.max(3, scored.length - 3)).map((i) => i.departmentId));
  });

  it('weeks and quarters too', async () => {
    for (const period of ['week', 'quarter']) {
      const res = await get(`?period=${period}&date=${DATE}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(13);
    }
  });
});

describe('rankings: roles and bad input', () => {
  it('403 for agents and handlers; only an admin sets weights', async () => {
    for (const who of ['agent', 'h-health']) {
      expect((await get('', who)).status).toBe(403);
      expect((await t.req('GET', '/api/v1/rankings/weights', { token: await t.token(who) })).status).toBe(403);
      expect((await t.req('GET', '/api/v1/rankings/history', { token: await t.token(who) })).status).toBe(403);
    }
    const body = { weights: { onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 30, returnRate: 10, repeatCallRate: 10 } };
    expect((await t.req('PUT', '/api/v1/rankings/weights', { token: await t.token('supervisor'), body })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/rankings')).status).toBe(401);
  });

  it('named 400s', async () => {
    const cases: Array<[string, RegExp]> = [
      ['?period=year', /period must be one of week, month, quarter/],
      ['?date=2026-02-30', /date must be a real date/],
      ['?date=2099-01-01', /in the future/],
      ['?date=yesterday', /date must be a date as YYYY-MM-DD/],
      ['?colour=red', /colour/],
    ];
    for (const [q, msg] of cases) {
      const res = await get(q);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(msg);
    }
    const h = await t.req('GET', '/api/v1/rankings/history?count=99', { token: await t.token('supervisor') });
    expect(h.status).toBe(400);
    expect(JSON.stringify(h.body)).toMatch(/count/);
    const admin = await t.token('admin');
    const w = { onTimeAcceptRate: 20, onTimeReplyRate: 30, satisfactionRate: 30, returnRate: 10, repeatCallRate: 10 };
    const bodies: Array<[unknown, RegExp]> = [
      [{ weights: { ...w, returnRate: 9 } }, /sum to 100, they sum to 99/],
      [{ weights: { ...w, backlogRate: 0 } }, /backlogRate is not a ranking KPI/],
      [{ weights: { ...w, backlogClearedRate: '0' } }, /backlogClearedRate must be a number/],
      [{ weights: { ...w, returnRate: '10' } }, /returnRate must be a number/],
      [{ weights: { ...w, returnRate: -10, repeatCallRate: 30 } }, /between 0 and 100/],
      [{ weights: [1, 2] }, /weights must be an object/],
      [{ weights: w, extra: 1 }, /extra/],
      [{}, /weights/],
    ];
    for (const [body, msg] of bodies) {
      const res = await t.req('PUT', '/api/v1/rankings/weights', { token: admin, body });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(msg);
    }
  });
});

describe('bulletins (通报)', () => {
  let id: number;
  let issued: any;

  it('a supervisor issues the bulletin of a period: the ranking, best and worst, and the cases agree with SQL', async () => {
    // one of A's tickets turned red last month
    await t.sql.query('UPDATE tickets SET breached_at = due_at + INTERVAL 1 SECOND WHERE department_id = ? AND replied_at > due_at AND created_at >= ? AND created_at < ?', [
      A,
      lastMonth.from,
      lastMonth.to,
    ]);
    const res = await t.req('POST', '/api/v1/bulletins', { token: await t.token('supervisor'), body: { period: 'month', date: DATE } });
    expect(res.status).toBe(201);
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(res.body).toEqual({
      id: expect.any(Number),
      no: `${year}年第1期`,
      period: 'month',
      from: lastMonth.from.toISOString(),
      to: lastMonth.to.toISOString(),
      issuedAt: expect.any(String),
    });
    id = res.body.id;
    const b = await t.req('GET', `/api/v1/bulletins/${id}`, { token: await t.token('admin') });
    expect(b.status).toBe(200);
    issued = b.body;
    const ranking = await get(`?period=month&date=${DATE}`);
    expect(issued.ranking.items).toEqual(ranking.body.items);
    expect(issued.best.map((i: any) => i.departmentId)).toEqual([A, B]);
    expect(issued.worst).toEqual([]); // two departments scored: none left over for the bottom three
    const [breached] = await t.sql.query<any[]>('SELECT department_id, COUNT(*) AS n FROM tickets WHERE breached_at >= ? AND breached_at < ? GROUP BY department_id', [
      lastMonth.from,
      lastMonth.to,
    ]);
    expect(issued.departments.filter((d: any) => d.breached > 0).map((d: any) => [d.departmentId, d.breached])).toEqual(breached.map((r) => [r.department_id, Number(r.n)]));
    expect(issued.departments.find((d: any) => d.departmentId === A)).toEqual({ departmentId: A, overdue: 1, breached: 1, dissatisfied: 0 });
    expect(issued.departments.find((d: any) => d.departmentId === B)).toEqual({ departmentId: B, overdue: 0, breached: 0, dissatisfied: 1 });
    expect(issued.dissatisfaction).toHaveLength(1);
    expect(issued.dissatisfaction[0].departmentId).toBe(B);
    expect(issued.hotspots).toEqual([]);
  });

  it('an issued bulletin never changes: not with new data, not by SQL; one per period; numbered on', async () => {
    const sup = await t.token('supervisor');
    const [[{ id: anyA }]] = (await t.sql.query<any[]>('SELECT id FROM tickets WHERE department_id = ? AND created_at >= ? LIMIT 1', [A, lastMonth.from])) as any;
    await t.sql.query(
      "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'callback', 'replied', 'dispatched', 1, 'agent', ?, '{}')",
      [anyA, day(lastMonth, 20)],
    );
    expect((await t.req('GET', `/api/v1/bulletins/${id}`, { token: sup })).body).toEqual(issued);
    await expect(t.sql.query("UPDATE bulletins SET no = 'x' WHERE id = ?", [id])).rejects.toThrow(/never changes/);
    await expect(t.sql.query('DELETE FROM bulletins WHERE id = ?', [id])).rejects.toThrow(/never changes/);
    const again = await t.req('POST', '/api/v1/bulletins', { token: sup, body: { period: 'month', date: DATE } });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toMatch(/issued already/);
    const week = await t.req('POST', '/api/v1/bulletins', { token: sup, body: { period: 'week', date: DATE } });
    expect(week.status).toBe(201);
    expect(week.body.no).toMatch(/年第2期$/);
    const list = await t.req('GET', '/api/v1/bulletins', { token: sup });
    expect(list.body.map((x: any) => x.id)).toEqual([week.body.id, id]);
  });

  it('as XLSX and as a printable A4 page', async () => {
    const sup = await t.token('supervisor');
    const xlsx = await fetch(`${t.url}/api/v1/bulletins/${id}?format=xlsx`, { headers: { authorization: `Bearer ${sup}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const sheet = book.getWorksheet('综合排名')!;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['第1名', '卫生健康局', '92.50分', '上升1名']));
    const html = await t.req('GET', `/api/v1/bulletins/${id}?format=html`, { token: sup });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain(issued.no);
    expect(html.body).toContain('size: A4');
    expect(html.body).toContain('本期排名前三：卫生健康局（92.50分）、市场监督管理局（71.67分）');
    // 积案清零率 is in it like every weighed figure: A had one 积案 added last month, none cleared
    expect(issued.ranking.items[0].kpis.backlogClearedRate).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    const header = sheet.getRow(1).values as unknown[];
    const col = header.indexOf('积案清零率');
    expect(col).toBeGreaterThan(0);
    expect(sheet.getRow(2).getCell(col).value).toBe('0.0%');
    // a department without 积案: 无积案
    expect(sheet.getRow(4).getCell(col).value).toBe('无积案');
    expect(html.body).toContain('积案清零率0分');
  });

  it('a bulletin issued before 积案清零率 was ranked still reads, as issued', async () => {
    const sup = await t.token('supervisor');
    const [[row]] = (await t.sql.query<any[]>('SELECT content FROM bulletins WHERE id = ?', [id])) as any;
    const content = JSON.parse(row.content);
    const strip = (i: any) => {
      delete i.kpis.backlogClearedRate;
    };
    for (const list of [content.ranking?.items, content.best, content.worst]) for (const i of list ?? []) strip(i);
    if (content.ranking) delete content.ranking.weights.backlogClearedRate;
    const [res] = (await t.sql.query<any>(
      "INSERT INTO bulletins (year, seq, no, period_kind, period_from, period_to, issued_at, issued_by, content) VALUES (2001, 1, '2001年第1期', 'quarter', ?, ?, ?, 1, ?)",
      [new Date('2001-01-01T00:00:00Z'), new Date('2001-04-01T00:00:00Z'), new Date('2001-04-02T00:00:00Z'), JSON.stringify(content)],
    )) as any;
    const old = Number(res.insertId);
    const xlsx = await fetch(`${t.url}/api/v1/bulletins/${old}?format=xlsx`, { headers: { authorization: `Bearer ${sup}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const sheet = book.getWorksheet('综合排名')!;
    const col = (sheet.getRow(1).values as unknown[]).indexOf('积案清零率');
    expect(sheet.getRow(2).getCell(col).value).toBe('未统计');
    const html = await t.req('GET', `/api/v1/bulletins/${old}?format=html`, { token: sup });
    expect(html.status).toBe(200);
    expect(html.body).not.toContain('undefined');
    expect(html.body).not.toContain('积案清零率0分');
    expect(html.body).toContain('未统计');
  });

  it('roles and bad input', async () => {
    expect((await t.req('POST', '/api/v1/bulletins', { token: await t.token('admin'), body: { period: 'month' } })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/bulletins', { token: await t.token('agent'), body: { period: 'month' } })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/bulletins', { token: await t.token('h-health') })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/bulletins/${id}`, { token: await t.token('agent') })).status).toBe(403);
    const sup = await t.token('supervisor');
    const bad: Array<[unknown, RegExp]> = [
      [{}, /period must be one of week, month, quarter/],
      [{ period: 'year' }, /period must be one of/],
      [{ period: 'month', date: '2026-13-01' }, /date must be a real date/],
      [{ period: 'month', date: '2099-01-01' }, /in the future/],
      [{ period: 'month', date: 20260101 }, /date must be a date as YYYY-MM-DD/],
      [{ period: 'month', extra: 1 }, /extra/],
    ];
    for (const [body, msg] of bad) {
      const res = await t.req('POST', '/api/v1/bulletins', { token: sup, body });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(msg);
    }
    expect((await t.req('GET', '/api/v1/bulletins/999999', { token: sup })).status).toBe(404);
    expect((await t.req('GET', '/api/v1/bulletins/x', { token: sup })).status).toBe(400);
    expect((await t.req('GET', `/api/v1/bulletins/${id}?format=pdf`, { token: sup })).status).toBe(400);
  });
});
