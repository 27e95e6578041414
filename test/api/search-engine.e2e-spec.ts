import type { TicketDto, TicketListPage } from '@hotline/contracts';
import { SEARCH_ENGINE, type SearchEngine } from '../../apps/api/src/casework/search/search-engine';
import { SearchFeed } from '../../apps/api/src/casework/search/search-feed';
import { TicketArchiver } from '../../apps/api/src/casework/archive/ticket-archiver.service';
import { startFakeOpenSearch, type FakeOpenSearch } from '../support/fake-opensearch';
import { drive, startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

// The optional search engine (issue 20, part 2; SEARCH_ENGINE=opensearch), against a stand-in that speaks OpenSearch's
// requests (test/support/fake-opensearch.ts): the index is made and filled from the database, every change of a
// ticket's words reaches it through the outbox, searches take their matches from it under the same department and
// confidentiality rules, and when it is down nothing is lost and the term table answers.
let t: TestApp;
let engine: FakeOpenSearch;
let feed: SearchFeed;
beforeAll(async () => {
  engine = await startFakeOpenSearch();
  const url = new URL(engine.url);
  url.username = 'hotline';
  url.password = 's3cret:pw';
  t = await startTestApp({ SEARCH_ENGINE: 'opensearch', SEARCH_ENGINE_URL: url.toString(), SEARCH_ENGINE_INDEX: 'tickets-test', SEARCH_FEED_MS: '100' });
  feed = t.app.get(SearchFeed);
}, 120_000);
afterAll(async () => {
  await t.close();
  await engine.close();
});

const enc = encodeURIComponent;
const list = async (query: string, as = 'agent'): Promise<TicketListPage> => {
  const res = await t.req('GET', `/api/v1/tickets?${query}`, { token: await t.token(as) });
  expect([query, res.status]).toEqual([query, 200]);
  return res.body;
};
const ids = (p: TicketListPage) => p.items.map((x: TicketDto) => x.id);
const outbox = async (): Promise<number> => Number((await t.sql.query<any[]>('SELECT COUNT(*) AS n FROM search_outbox'))[0][0].n);
/** Waits until the feed has sent every queued ticket. */
const sent = () => eventually(outbox, (n) => n === 0, 'the search outbox to drain');
const searches = () => engine.requests.filter((r) => r.path.endsWith('/_search'));

it('creates the index with the Chinese analyzer and fills it with every ticket already in the database', async () => {
  const mapping = engine.mappings.get('tickets-test');
  expect(mapping.properties.words).toEqual({ type: 'text', analyzer: 'smartcn' });
  expect(mapping.properties.callerName).toEqual({ type: 'text', analyzer: 'smartcn' });
  await sent();
  const [[{ n }]] = await t.sql.query<any[]>('SELECT COUNT(*) AS n FROM tickets');
  expect(Number(n)).toBeGreaterThan(0); // the demo's tickets
  expect(engine.docs.size).toBe(Number(n));
  // the credentials of SEARCH_ENGINE_URL travel as a header (fetch refuses them in a URL), never in the path
  expect(new Set(engine.requests.map((r) => r.auth))).toEqual(new Set([`Basic ${Buffer.from('hotline:s3cret:pw').toString('base64')}`]));
});

it('finds a new ticket by its words through the engine, and a note added later', async () => {
  const tk = await t.newTicket({ content: '北湖公园的喷泉水管爆裂，水漫到了人行道上。', address: '北湖公园东门' });
  await sent();
  expect(engine.docs.get(tk.id)?.source.words).toEqual(expect.arrayContaining([tk.no, '北湖公园的喷泉水管爆裂，水漫到了人行道上。', '北湖公园东门']));
  const before = searches().length;
  expect(ids(await list(`q=${enc('喷泉水管')}`))).toEqual([tk.id]);
  expect(searches().length).toBeGreaterThan(before);
  expect(searches().at(-1)!.body.query.bool.must[0].multi_match).toMatchObject({ query: '喷泉水管', operator: 'and' });

  const version = engine.docs.get(tk.id)!.version;
  await drive(t, tk.id, [['dispatch', 'agent', { departmentId: t.dept('housing'), note: '请园林所派人关闭总阀' }]]);
  await sent();
  expect(engine.docs.get(tk.id)!.version).toBeGreaterThan(version);
  expect(ids(await list(`q=${enc('园林所')}`))).toEqual([tk.id]);
});

it('answers from the engine: a ticket the engine does not hold is not found by its words', async () => {
  const tk = await t.newTicket({ content: '菜市场门口的下水井盖松动，踩上去会翻。' });
  await sent();
  expect(ids(await list(`q=${enc('下水井盖')}`))).toEqual([tk.id]);
  engine.docs.delete(tk.id); // as if the engine had lost it
  expect(ids(await list(`q=${enc('下水井盖')}`))).toEqual([]);
  // a ticket number and a phone are still looked up in the database, whatever the engine holds
  expect(ids(await list(`q=${tk.no}`))).toEqual([tk.id]);
  expect(ids(await list(`q=${tk.callerPhone}`))).toContain(tk.id);
});

it("keeps a department to its own tickets, and callers' names out of its search", async () => {
  const housing = await t.newTicket({ content: '楼道声控灯坏了好久没人修。', callerName: '欧阳秋菊', departmentId: t.dept('housing') });
  const transport = await t.newTicket({ content: '楼道声控灯坏了，电梯也停了。', departmentId: t.dept('transport') });
  await sent();
  expect(ids(await list(`q=${enc('声控灯')}`))).toEqual([transport.id, housing.id]);
  expect(ids(await list(`q=${enc('声控灯')}`, 'h-housing'))).toEqual([housing.id]);
  // the caller's name: the centre finds it, a department's search never asks the engine for it
  expect(ids(await list(`q=${enc('欧阳秋菊')}`))).toEqual([housing.id]);
  expect(ids(await list(`q=${enc('欧阳秋菊')}`, 'h-housing'))).toEqual([]);
  expect(searches().at(-1)!.body.query.bool.must[0].multi_match.fields).toEqual(['words']);
});

it('pages a search by cursor, every match exactly once while new ones arrive, with an exact total and filters', async () => {
  const marker = '银杏大道落叶堵塞雨水口';
  const first = [];
  for (let i = 0; i < 12; i++) first.push(await t.newTicket({ content: `${marker}，第${i}处。`, urgency: i % 3 === 0 ? 'urgent' : 'normal' }));
  await sent();
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: TicketListPage = await list(`q=${enc(marker)}&pageSize=5${cursor ? `&cursor=${cursor}` : ''}`);
    if (pages === 0) {
      expect(page).toMatchObject({ total: 12, totalCapped: false });
      // arrivals after the first page come before the cursor: the walk goes on below it
      await t.newTicket({ content: `${marker}，新来的。`, urgency: 'normal' });
      await sent();
    }
    seen.push(...ids(page));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(seen).toEqual(first.map((x) => x.id).reverse());
  const urgent = await list(`q=${enc(marker)}&urgency=urgent&pageSize=2`);
  expect(urgent.total).toBe(4);
  expect(ids(urgent)).toEqual(
    first
      .filter((_, i) => i % 3 === 0)
      .map((x) => x.id)
      .reverse()
      .slice(0, 2),
  );
});

it('tells archived tickets apart: the document follows the move, and the search still finds it', async () => {
  const tk = await t.newTicket({ content: '旧城改造拆迁补偿标准咨询，去年的事。' });
  await t.sql.query(
    "UPDATE tickets SET status = 'closed', closed_at = NOW(3) - INTERVAL 500 DAY, created_at = NOW(3) - INTERVAL 501 DAY, updated_at = NOW(3) - INTERVAL 500 DAY WHERE id = ?",
    [tk.id],
  );
  await sent();
  expect(engine.docs.get(tk.id)!.source.archived).toBe(false);
  expect((await t.app.get(TicketArchiver).run({ olderThanDays: 400, batchSize: 100 })).moved).toBeGreaterThanOrEqual(1);
  await sent();
  expect(engine.docs.get(tk.id)!.source.archived).toBe(true);
  const found = await list(`q=${enc('拆迁补偿')}`);
  expect(ids(found)).toEqual([tk.id]);
  expect(found.items[0].archivedAt).toEqual(expect.any(String));
  const asked = searches().slice(-3);
  expect(asked.some((r) => r.body.query.bool.filter.some((f: any) => f.term?.archived === true))).toBe(true);
});

it('loses nothing while the engine is down: searches fall back to the term table, and the outbox waits', async () => {
  engine.failing = true;
  try {
    const tk = await t.newTicket({ content: '人民广场的共享单车堆成小山，挡住了盲道。' });
    await drive(t, tk.id, [['dispatch', 'agent', { departmentId: t.dept('transport'), note: '联系单车企业清运' }]]);
    // the search still answers, from the term table
    expect(ids(await list(`q=${enc('共享单车')}`))).toEqual([tk.id]);
    expect(ids(await list(`q=${enc('单车企业')}`))).toEqual([tk.id]);
    await feed.runOnce();
    const waiting = await outbox();
    expect(waiting).toBeGreaterThanOrEqual(1);
    // what an operator's alert reads (more may be queued meanwhile: the understanding job's lines)
    const metric = (await (await fetch(`${t.url}/metrics`)).text()).match(/^hotline_search_outbox_tickets (\d+)$/m);
    expect(Number(metric?.[1])).toBeGreaterThanOrEqual(waiting);
    expect(engine.docs.has(tk.id)).toBe(false);
    engine.failing = false;
    await sent();
    expect(engine.docs.get(tk.id)!.source.words).toEqual(expect.arrayContaining(['联系单车企业清运']));
    expect(ids(await list(`q=${enc('单车企业')}`))).toEqual([tk.id]);
  } finally {
    engine.failing = false;
  }
});

it('never puts back an older document: a ticket sent again, or late with older words, keeps its newest', async () => {
  const tk = await t.newTicket({ content: '东街早市占道经营，车辆无法通行。' });
  await drive(t, tk.id, [['dispatch', 'agent', { departmentId: t.dept('market'), note: '已通知市场监管所' }]]);
  await sent();
  const newest = engine.docs.get(tk.id)!;
  expect(newest.source.words).toContain('已通知市场监管所');
  // queued again with nothing new: the same version, refused by the engine and taken as sent
  await t.sql.query('INSERT INTO search_outbox (ticket_id, queued, queued_at) VALUES (?, 1, UTC_TIMESTAMP(3))', [tk.id]);
  await sent();
  expect(engine.docs.get(tk.id)).toEqual(newest);
  // a slow writer arriving with the document as it was before the note
  const [now] = await feed.documents([tk.id]);
  await t.app.get<SearchEngine>(SEARCH_ENGINE).write([{ ...now, words: [tk.no, tk.content], version: now.version - 2 }], []);
  expect(engine.docs.get(tk.id)).toEqual(newest);
});
