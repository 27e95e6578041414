import type { TicketDto, TicketListPage } from '@hotline/contracts';
import { drive, startTestApp, type TestApp } from '../support/test-app';

// Search and lists over indexes (issue 20): lookups by number, phone and Open311 id, words through the search table,
// keyset cursors, capped totals, and a caller's history, on the real database.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const list = async (query: string, as = 'agent'): Promise<TicketListPage> => {
  const res = await t.req('GET', `/api/v1/tickets?${query}`, { token: await t.token(as) });
  expect([query, res.status]).toEqual([query, 200]);
  return res.body;
};
const ids = (p: TicketListPage) => p.items.map((x: TicketDto) => x.id);
const enc = encodeURIComponent;
const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';

describe('lookups by shape', () => {
  let tk: TicketDto;
  beforeAll(async () => {
    tk = await t.newTicket({ callerPhone: '13700001234', callerName: '查询甲', content: '光明小区东门路灯不亮已经三天', address: '光明路12号' });
  });

  it('finds a ticket by its whole number, with or without the dash, and only that one', async () => {
    expect(ids(await list(`q=${tk.no}`))).toEqual([tk.id]);
    expect(ids(await list(`q=${tk.no.replace('-', '')}`))).toEqual([tk.id]);
    expect(ids(await list(`no=${tk.no}`))).toEqual([tk.id]);
  });

  it('finds by part of a number: the day or the sequence', async () => {
    expect(ids(await list(`q=${tk.no.split('-')[1]}`))).toContain(tk.id);
  });

  it('finds a caller by phone in any spelling, and by the phone filter', async () => {
    for (const q of ['13700001234', '137-0000-1234', '+86 137 0000 1234']) expect(ids(await list(`q=${enc(q)}`))).toContain(tk.id);
    expect(ids(await list('phone=13700001234'))).toEqual([tk.id]);
  });

  it('finds by an Open311 request id', async () => {
    expect(ids(await list(`requestId=${tk.id}`))).toEqual([tk.id]);
  });

  it('finds by words of the content and the address, and by the caller’s name for the centre', async () => {
    for (const q of ['路灯不亮', '光明小区', '光明路12号', '东门 三天', '灯']) expect([q, ids(await list(`q=${enc(q)}`))]).toEqual([q, expect.arrayContaining([tk.id])]);
    expect(ids(await list(`q=${enc('查询甲')}`))).toEqual([tk.id]);
  });

  it('finds nothing for a phrase nobody wrote', async () => {
    expect(await list(`q=${enc('独角兽飞船降落')}`)).toMatchObject({ items: [], total: 0, totalCapped: false, nextCursor: null });
  });

  it('finds the words of a reply and of notes written later', async () => {
    const other = await t.newTicket({ content: '噪音扰民', departmentId: t.dept('environment') });
    await drive(t, other.id, [
      ['urge', 'agent', { note: '市民再次来电催促紫藤花园' }],
      ['accept', 'h-environment'],
      ['reply', 'h-environment', { reply: '已责令施工方夜间停工整改' }],
    ]);
    expect(ids(await list(`q=${enc('紫藤花园')}`))).toEqual([other.id]);
    expect(ids(await list(`q=${enc('夜间停工')}`))).toEqual([other.id]);
    expect(ids(await list(`q=${enc('夜间停工')}`, 'h-environment'))).toEqual([other.id]);
  });

  it('refuses a cursor it did not give, and a cursor with a page, with a named 400', async () => {
    for (const q of ['cursor=abc', 'cursor=c1.zzzzzzzzzzzz', 'cursor=c1.1&page=2', 'phone=12345', 'requestId=0', 'no=' + 'x'.repeat(30)]) {
      const res = await t.req('GET', `/api/v1/tickets?${q}`, { token: await t.token('agent') });
      const field = q.split('=')[0];
      expect([q, res.status, JSON.stringify(res.body).includes(field)]).toEqual([q, 400, true]);
    }
  });
});

describe('keyset paging', () => {
  const marker = `游标测试${Date.now()}`;
  let mine: number[];
  beforeAll(async () => {
    mine = [];
    for (let i = 0; i < 23; i++) mine.push((await t.newTicket({ content: `${marker} 第${i}件`, urgency: i % 2 ? 'urgent' : 'normal' })).id);
  });

  it('returns every ticket exactly once, newest first, while tickets keep arriving', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TicketListPage = await list(`q=${enc(marker)}&pageSize=5${cursor ? `&cursor=${cursor}` : ''}`);
      if (pages === 0) expect(page).toMatchObject({ total: 23, totalCapped: false });
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
      // a new matching ticket arrives between pages: it is newer than the walk, so it never shifts it
      await t.newTicket({ content: `${marker} 新来的第${pages}件` });
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual([...mine].reverse());
  });

  it('pages the whole list the same way, with filters', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: TicketListPage = await list(`urgency=urgent&pageSize=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const [[{ n }]] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM tickets WHERE urgency = 'urgent'");
    expect(seen.length).toBeGreaterThanOrEqual(Number(n) - 10);
    for (const id of mine.filter((_, i) => i % 2)) expect(seen).toContain(id);
  });

  it('keeps page and pageSize working, with a cursor to continue from', async () => {
    const p2 = await list(`q=${enc(marker)}&pageSize=5&page=2`);
    expect(p2.page).toBe(2);
    const next = await list(`q=${enc(marker)}&pageSize=5&cursor=${p2.nextCursor}`);
    expect(next.items[0].id).toBeLessThan(p2.items[4].id);
  });

  it('caps the total at 10,000 and says so', async () => {
    // 10,001 tickets of one caller would take long to register; the cap is counted by SQL, so they are added by SQL
    await t.sql.query(
      `INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, created_by, created_at, updated_at, sla_started_at, due_at, warn_at, sla_state, dispatch_count, reopen_count, urge_count, version)
       SELECT CONCAT('C', LPAD(n, 9, '0')), 'closed', 'normal', 'help', '批量', '13700009999', 0, 1, NOW(3), NOW(3), NOW(3), NOW(3), NOW(3), 'on_track', 0, 0, 0, 1
       FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums WHERE n BETWEEN 1 AND 10001`,
    );
    const page = await list('phone=13700009999&pageSize=3');
    expect(page).toMatchObject({ total: 10000, totalCapped: true });
    expect(page.nextCursor).not.toBeNull();
  });
});

describe('caller history', () => {
  it('puts the open tickets first and stays bounded, whatever the caller’s volume', async () => {
    const open = await t.newTicket({ callerPhone: '13700009999', content: '仍未办结的诉求' });
    const res = await t.req('GET', '/api/v1/callers/13700009999/tickets?limit=5', { token: await t.token('agent') });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(res.body[0].ticketId).toBe(open.id);
    expect(res.body.slice(1).every((x: { status: string }) => x.status === 'closed')).toBe(true);
  });
});
