import type { TicketDto, TicketListPage } from '@hotline/contracts';
import { Queue } from 'bullmq';
import { ARCHIVE_QUEUE, ArchiveScheduler } from '../../apps/api/src/casework/archive/archive-scheduler.service';
import { TicketArchiver } from '../../apps/api/src/casework/archive/ticket-archiver.service';
import { startTestApp, type TestApp } from '../support/test-app';

// The archive of closed tickets (issue 20, part 6): what moves and what stays, reruns and interrupted batches, and
// archived tickets still found — by number, phone, words and id, with their trail, in the caller's history — under the
// same department and confidentiality rules as live ones, read-only, and paged once each across live and archive.
let t: TestApp;
let archiver: TicketArchiver;
beforeAll(async () => {
  t = await startTestApp();
  archiver = t.app.get(TicketArchiver);
}, 120_000); // a fresh database and migrations take long on a machine busy with other work
afterAll(() => t.close());

const enc = encodeURIComponent;
const archive = () => archiver.run({ olderThanDays: 400, batchSize: 1000 });
const list = async (query: string, as = 'agent'): Promise<TicketListPage> => {
  const res = await t.req('GET', `/api/v1/tickets?${query}`, { token: await t.token(as) });
  expect([query, res.status]).toEqual([query, 200]);
  return res.body;
};
const ids = (p: TicketListPage) => p.items.map((x: TicketDto) => x.id);
const count = async (table: string, where: string, params: unknown[]): Promise<number> => {
  const [[{ n }]] = await t.sql.query<any[]>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(n);
};
const live = (id: number) => count('tickets', 'id = ?', [id]);
const archived = (id: number) => count('tickets_archive', 'id = ?', [id]);

/** Makes a ticket closed `daysAgo` days ago (registered a day before), as years of history would have left it. */
async function closeLongAgo(id: number, daysAgo = 500): Promise<void> {
  await t.sql.query(
    `UPDATE tickets SET status = 'closed', closed_at = NOW(3) - INTERVAL ? DAY, created_at = NOW(3) - INTERVAL ? DAY, updated_at = NOW(3) - INTERVAL ? DAY
      WHERE id = ?`,
    [daysAgo, daysAgo + 1, daysAgo, id],
  );
}

describe('moving closed tickets', () => {
  let old: TicketDto, recent: TicketDto, open: TicketDto, supervised: TicketDto;
  beforeAll(async () => {
    old = await t.newTicket({ content: '归档测试旧件：井盖缺失', callerPhone: '13600001111' });
    recent = await t.newTicket({ content: '归档测试近件：井盖缺失' });
    open = await t.newTicket({ content: '归档测试未结件：井盖缺失', departmentId: t.dept('urban') });
    supervised = await t.newTicket({ content: '归档测试督办件：井盖缺失', departmentId: t.dept('urban') });
    const order = await t.req('POST', `/api/v1/tickets/${supervised.id}/supervisions`, { token: await t.token('supervisor'), body: { note: '请尽快办理' } });
    expect(order.status).toBe(201);
    await closeLongAgo(old.id);
    await t.sql.query("UPDATE tickets SET status = 'closed', closed_at = NOW(3) - INTERVAL 30 DAY WHERE id = ?", [recent.id]);
    // open for 500 days: old, but not closed
    await t.sql.query('UPDATE tickets SET created_at = NOW(3) - INTERVAL 500 DAY WHERE id = ?', [open.id]);
    await closeLongAgo(supervised.id);
  });

  it('moves only tickets closed longer ago than the setting, with their trail and search terms', async () => {
    const events = await count('ticket_events', 'ticket_id = ?', [old.id]);
    const terms = await count('ticket_terms', 'ticket_id = ?', [old.id]);
    expect(events).toBeGreaterThan(0);
    const run = await archive();
    expect(run).toMatchObject({ ran: true });
    expect(run.moved).toBeGreaterThanOrEqual(1);
    expect([await live(old.id), await archived(old.id)]).toEqual([0, 1]);
    expect([await count('ticket_events', 'ticket_id = ?', [old.id]), await count('ticket_events_archive', 'ticket_id = ?', [old.id])]).toEqual([0, events]);
    expect([await count('ticket_terms', 'ticket_id = ?', [old.id]), await count('ticket_terms_archive', 'ticket_id = ?', [old.id])]).toEqual([0, terms]);
    for (const kept of [recent, open]) expect([kept.id, await live(kept.id), await archived(kept.id)]).toEqual([kept.id, 1, 0]);
  });

  it('keeps a ticket live while work is open on it (a supervision order), and moves it once that is closed', async () => {
    expect([await live(supervised.id), await archived(supervised.id)]).toEqual([1, 0]);
    await t.sql.query("UPDATE supervisions SET status = 'closed', closed_at = NOW(3) WHERE ticket_id = ?", [supervised.id]);
    await archive();
    expect([await live(supervised.id), await archived(supervised.id)]).toEqual([0, 1]);
    expect([await count('supervisions', 'ticket_id = ?', [supervised.id]), await count('supervisions_archive', 'ticket_id = ?', [supervised.id])]).toEqual([0, 1]);
  });

  it('keeps the trail append-only: a line leaves ticket_events only into the archive, where it never changes', async () => {
    const [[line]] = await t.sql.query<any[]>('SELECT id FROM ticket_events WHERE ticket_id = ? LIMIT 1', [recent.id]);
    await expect(t.sql.query('DELETE FROM ticket_events WHERE id = ?', [line.id])).rejects.toThrow(/append-only/);
    const [[moved]] = await t.sql.query<any[]>('SELECT id FROM ticket_events_archive WHERE ticket_id = ? LIMIT 1', [old.id]);
    await expect(t.sql.query('DELETE FROM ticket_events_archive WHERE id = ?', [moved.id])).rejects.toThrow(/append-only/);
    await expect(t.sql.query("UPDATE ticket_events_archive SET data = '{}' WHERE id = ?", [moved.id])).rejects.toThrow(/append-only/);
  });

  it('does nothing more when run again', async () => {
    const before = await count('tickets_archive', '1 = 1', []);
    expect(await archive()).toEqual({ moved: 0, batches: 0, kept: 0, ran: true });
    expect(await count('tickets_archive', '1 = 1', [])).toBe(before);
  });

  it('never moves a ticket that was reopened: its closing is recent again', async () => {
    const reopened = await t.newTicket({ content: '归档测试重办件' });
    await closeLongAgo(reopened.id);
    // reopened and closed again yesterday: closed_at is yesterday's
    await t.sql.query('UPDATE tickets SET reopen_count = 1, closed_at = NOW(3) - INTERVAL 1 DAY WHERE id = ?', [reopened.id]);
    await archive();
    expect([await live(reopened.id), await archived(reopened.id)]).toEqual([1, 0]);
  });

  it('rolls a batch that fails midway back whole, and a rerun moves it', async () => {
    const a = await t.newTicket({ content: '归档测试中断甲' });
    const b = await t.newTicket({ content: '归档测试中断乙' });
    await closeLongAgo(a.id);
    await closeLongAgo(b.id);
    // one of b's search terms already in the archive: the batch fails on the terms, after the children and the trail
    // were copied and deleted
    const [[term]] = await t.sql.query<any[]>('SELECT * FROM ticket_terms WHERE ticket_id = ? LIMIT 1', [b.id]);
    await t.sql.query('INSERT INTO ticket_terms_archive (term, ticket_id, src) VALUES (?, ?, ?)', [term.term, term.ticket_id, term.src]);
    const trails = [await count('ticket_events', 'ticket_id = ?', [a.id]), await count('ticket_events', 'ticket_id = ?', [b.id])];
    await expect(archive()).rejects.toThrow(/Duplicate/i);
    for (const [i, x] of [a, b].entries()) {
      expect([x.id, await live(x.id), await archived(x.id)]).toEqual([x.id, 1, 0]);
      expect([x.id, await count('ticket_events', 'ticket_id = ?', [x.id]), await count('ticket_events_archive', 'ticket_id = ?', [x.id])]).toEqual([x.id, trails[i], 0]);
    }
    expect(await count('ticket_terms_archive', 'ticket_id IN (?)', [[a.id, b.id]])).toBe(1);
    await t.sql.query('DELETE FROM ticket_terms_archive WHERE ticket_id = ?', [b.id]);
    expect((await archive()).moved).toBe(2);
    for (const x of [a, b]) expect([x.id, await live(x.id), await archived(x.id)]).toEqual([x.id, 0, 1]);
  });
});

describe('archived tickets', () => {
  let mine: TicketDto, secret: TicketDto;
  beforeAll(async () => {
    mine = await t.newTicket({
      content: '归档查找：紫荆苑地下车库漏水严重',
      callerPhone: '13600002222',
      callerName: '归档甲',
      departmentId: t.dept('housing'),
    });
    await t.req('POST', `/api/v1/tickets/${mine.id}/urge`, { token: await t.token('agent'), body: { note: '市民催促紫荆苑车库' } });
    secret = await t.newTicket({
      content: '归档举报：翠柳巷一家餐馆后厨卫生很差',
      category: 'report',
      callerPhone: '13600003333',
      callerName: '举报人乙',
      departmentId: t.dept('market'),
    });
    await closeLongAgo(mine.id);
    await closeLongAgo(secret.id);
    await archive();
    expect([await archived(mine.id), await archived(secret.id)]).toEqual([1, 1]);
  });

  it('are found by number, phone, words and id, and read with their trail', async () => {
    expect(ids(await list(`q=${mine.no}`))).toEqual([mine.id]);
    expect(ids(await list(`no=${mine.no}`))).toEqual([mine.id]);
    expect(ids(await list('q=13600002222'))).toContain(mine.id);
    expect(ids(await list('phone=13600002222'))).toEqual([mine.id]);
    expect(ids(await list(`q=${enc('地下车库漏水')}`))).toEqual([mine.id]);
    expect(ids(await list(`q=${enc('归档甲')}`))).toEqual([mine.id]);
    expect(ids(await list(`requestId=${mine.id}`))).toEqual([mine.id]);
    const page = await list(`q=${mine.no}`);
    expect(page).toMatchObject({ total: 1, totalCapped: false, nextCursor: null });
    expect(page.items[0]).toMatchObject({ id: mine.id, status: 'closed', archivedAt: expect.any(String) });

    const got = await t.req('GET', `/api/v1/tickets/${mine.id}`, { token: await t.token('agent') });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: mine.id, no: mine.no, callerName: '归档甲', archivedAt: expect.any(String) });
    const trail = await t.req('GET', `/api/v1/tickets/${mine.id}/events`, { token: await t.token('agent') });
    expect(trail.status).toBe(200);
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'dispatch', 'urge']));
  });

  it('are in the caller’s history', async () => {
    const res = await t.req('GET', '/api/v1/callers/13600002222/tickets', { token: await t.token('agent') });
    expect(res.status).toBe(200);
    expect(res.body.map((x: { ticketId: number }) => x.ticketId)).toContain(mine.id);
  });

  it('stay in their department: another department’s handler gets 404 and finds nothing', async () => {
    for (const path of [`/api/v1/tickets/${mine.id}`, `/api/v1/tickets/${mine.id}/events`]) {
      const res = await t.req('GET', path, { token: await t.token('h-market') });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'TICKET_NOT_FOUND']);
    }
    expect(ids(await list(`q=${mine.no}`, 'h-market'))).toEqual([]);
    expect(ids(await list(`q=${enc('地下车库漏水')}`, 'h-market'))).toEqual([]);
    expect(ids(await list(`q=${enc('地下车库漏水')}`, 'h-housing'))).toEqual([mine.id]);
    const own = await t.req('GET', `/api/v1/tickets/${mine.id}`, { token: await t.token('h-housing') });
    expect(own.status).toBe(200);
  });

  it('keep a confidential caller from the department', async () => {
    const res = await t.req('GET', `/api/v1/tickets/${secret.id}`, { token: await t.token('h-market') });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/举报人乙|13600003333/);
    expect(ids(await list(`q=${enc('翠柳巷')}`, 'h-market'))).toEqual([secret.id]);
    for (const q of ['13600003333', '举报人乙']) expect([q, ids(await list(`q=${enc(q)}`, 'h-market'))]).toEqual([q, []]);
    expect(ids(await list('phone=13600003333', 'h-market'))).toEqual([]);
    const history = await t.req('GET', '/api/v1/callers/13600003333/tickets', { token: await t.token('h-market') });
    expect(history.body).toEqual([]);
    // the centre sees who called
    expect(ids(await list(`q=${enc('举报人乙')}`))).toEqual([secret.id]);
  });

  it('refuse every change with 409 TICKET_ARCHIVED and a Chinese message', async () => {
    const writes: Array<[string, string, object]> = [
      ['urge', 'agent', { note: '再次催办' }],
      ['callback', 'agent', { satisfaction: 'unsatisfied', note: '不满意' }],
      ['supervisions', 'supervisor', { note: '督办' }],
      ['follow-ups', 'supervisor', { note: '回访', contact: 'citizen' }],
    ];
    for (const [action, as, body] of writes) {
      const res = await t.req('POST', `/api/v1/tickets/${mine.id}/${action}`, { token: await t.token(as), body });
      expect([action, res.status, res.body.code]).toEqual([action, 409, 'TICKET_ARCHIVED']);
      expect(res.body.message).toContain(mine.no);
      expect(res.body.message).toMatch(/归档/);
    }
    // another department's handler still learns nothing: 404
    const res = await t.req('POST', `/api/v1/tickets/${mine.id}/accept`, { token: await t.token('h-market'), body: {} });
    expect([res.status, res.body.code]).toEqual([404, 'TICKET_NOT_FOUND']);
  });

  it('keep their follow-ups, instructions and extension requests readable', async () => {
    for (const part of ['follow-ups', 'instructions', 'extensions']) {
      const res = await t.req('GET', `/api/v1/tickets/${mine.id}/${part}`, { token: await t.token('supervisor') });
      expect([part, res.status, Array.isArray(res.body)]).toEqual([part, 200, true]);
    }
  });
});

describe('an Open311 request of past years', () => {
  const open311 = `/open311/v2`;
  const form = (path: string, fields: Record<string, string>) =>
    fetch(`${t.url}${open311}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  let key: string;
  let id: string;
  beforeAll(async () => {
    key = (await t.req('POST', '/api/v1/open311/keys', { token: await t.token('admin'), body: { name: '归档测试应用' } })).body.key;
    const made = await form('/requests.json', { api_key: key, service_code: 'complaint.urban', address_string: '归档路8号', description: '归档测试：人行道地砖松动。' });
    expect(made.status).toBe(201);
    id = ((await made.json()) as Array<{ service_request_id: string }>)[0].service_request_id;
    await closeLongAgo(Number(id));
    await archive();
    expect(await archived(Number(id))).toBe(1);
  });

  it('is still published by its id, alone and in a list of ids, as closed', async () => {
    const one = await fetch(`${t.url}${open311}/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual([expect.objectContaining({ service_request_id: id, status: 'closed', description: '归档测试：人行道地砖松动。', address: '归档路8号' })]);
    const listed = (await (await fetch(`${t.url}${open311}/requests.json?service_request_id=${id}`)).json()) as Array<{ service_request_id: string }>;
    expect(listed.map((r) => r.service_request_id)).toEqual([id]);
  });

  it('is in a list by dates that reach back to it', async () => {
    const from = new Date(Date.now() - 600 * 86_400_000).toISOString();
    const res = await fetch(`${t.url}${open311}/requests.json?start_date=${enc(from)}&status=closed&service_code=complaint.urban`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toContain(id);
  });

  it('takes no more follow-ups: 409, and nothing is written', async () => {
    const before = await count('ticket_events_archive', 'ticket_id = ?', [Number(id)]);
    const res = await form('/servicerequestupdates.json', { api_key: key, service_request_id: id, description: '还是松动。' });
    expect(res.status).toBe(409);
    expect(JSON.stringify(await res.json())).toMatch(/archived/);
    expect([await count('ticket_events', 'ticket_id = ?', [Number(id)]), await count('ticket_events_archive', 'ticket_id = ?', [Number(id)])]).toEqual([0, before]);
  });
});

describe('paging a search across live and archive', () => {
  const marker = `跨档游标${Date.now()}`;
  let all: TicketDto[];
  beforeAll(async () => {
    all = [];
    for (let i = 0; i < 9; i++) all.push(await t.newTicket({ content: `${marker} 第${i}件` }));
    // every other one closed long ago and archived: archive and live ids interleave
    for (const x of all.filter((_, i) => i % 2 === 1)) await closeLongAgo(x.id);
    await archive();
  });

  it('returns every matching ticket exactly once: the live ones newest first, then the archived ones', async () => {
    const archivedIds = all.filter((_, i) => i % 2 === 1).map((x) => x.id);
    const liveIds = all.filter((_, i) => i % 2 === 0).map((x) => x.id);
    for (const id of archivedIds) expect(await archived(id)).toBe(1);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TicketListPage = await list(`q=${enc(marker)}&pageSize=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page).toMatchObject({ total: 9, totalCapped: false });
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toEqual([...[...liveIds].reverse(), ...[...archivedIds].reverse()]);
  });

  it('pages the same walk by page number', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 4; page++) seen.push(...ids(await list(`q=${enc(marker)}&pageSize=3&page=${page}`)));
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });

  it('leaves the archive out of plain lists, which are the live work', async () => {
    const page = await list('status=closed&pageSize=100');
    for (const x of page.items) expect(x.archivedAt).toBeUndefined();
  });
});

describe('the nightly run', () => {
  it('is scheduled on the worker as a BullMQ job scheduler at ARCHIVE_CRON, Asia/Shanghai', async () => {
    const queue = new Queue(ARCHIVE_QUEUE, { connection: { url: t.env.REDIS_URL }, prefix: t.env.QUEUE_PREFIX });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual([expect.objectContaining({ key: 'archive-closed-tickets', pattern: t.env.ARCHIVE_CRON, tz: 'Asia/Shanghai' })]);
    } finally {
      await queue.close();
    }
  });

  it('moves what is due when its job runs', async () => {
    const due = await t.newTicket({ content: '归档测试夜间件' });
    await closeLongAgo(due.id);
    await t.app.get(ArchiveScheduler).runOnce();
    expect([await live(due.id), await archived(due.id)]).toEqual([0, 1]);
  });
});
