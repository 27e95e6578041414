import type { CatalogueMatterDto, ClassificationDto, KbSearchResultDto } from '@hotline/contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

// A fresh clone has no ../shared beside it: the product stands on the knowledge in libs/knowledge alone.
process.env.SHARED_DATA_DIR = mkdtempSync(join(tmpdir(), 'no-shared-'));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const classify = async (content: string) => {
  const res = await t.req('POST', '/api/v1/classify', { token: await t.token('agent'), body: { content } });
  expect(res.status).toBe(200);
  return res.body as ClassificationDto;
};

describe('the starter knowledge loads into a fresh centre', () => {
  it('the dispatch catalogue holds 300+ matters across all 13 departments, with terms, phrasings and look-alikes', async () => {
    const res = await t.req('GET', '/api/v1/catalogue/matters', { token: await t.token('admin') });
    expect(res.status).toBe(200);
    const matters = res.body as CatalogueMatterDto[];
    expect(matters.length).toBeGreaterThanOrEqual(300);
    expect(new Set(matters.map((m) => m.departmentId)).size).toBe(13);
    const gas = matters.find((m) => m.name.includes('燃气泄漏'))!;
    expect(gas).toMatchObject({ departmentId: t.dept('utilities'), urgency: 'extra_urgent' });
    expect(gas.terms.length).toBeGreaterThan(0);
    expect(gas.phrasings.length).toBeGreaterThan(0);
    expect(matters.some((m) => m.confusable.length > 0)).toBe(true);
  });

  it('the knowledge base holds the starter articles, at least 10 per department, without placeholder names', async () => {
    const [[{ n, depts }]] = (await t.sql.query('SELECT COUNT(*) AS n, COUNT(DISTINCT department_id) AS depts FROM kb_articles WHERE active = 1')) as any;
    expect(Number(n)).toBeGreaterThanOrEqual(130);
    expect(Number(depts)).toBe(13);
    const [[{ placeholders }]] = (await t.sql.query(
      "SELECT COUNT(*) AS placeholders FROM kb_articles WHERE body REGEXP '[A-Z]市|[A-Z][0-9]*县|某某|已转交相关部门调查处置'",
    )) as any;
    expect(Number(placeholders)).toBe(0);
  });

  it('the routing model trained on the corpus and the catalogue, not on an outside data set', async () => {
    const res = await t.req('GET', '/api/v1/classification/model', { token: await t.token('admin') });
    expect(res.body).toMatchObject({ seedMessages: 0 });
    expect(res.body.corpusCalls).toBeGreaterThanOrEqual(700);
    expect(res.body.catalogueMatters).toBeGreaterThanOrEqual(300);
  });
});

describe('understanding calls without ../shared', () => {
  it('a gas leak: 水电气 first, 特急 with reasons', async () => {
    const c = await classify('我们单元楼道里一股臭鸡蛋味，越来越重，三楼那家一直没人开门');
    expect(c.urgency).toMatchObject({ value: 'extra_urgent', confirm: false });
    expect(c.urgency.reasons.join()).toContain('燃气泄漏');
    expect(c.departments[0].code).toBe('utilities');
    expect(c.matters[0]).toMatchObject({ departmentId: t.dept('utilities') });
    expect(c.departments[0].reasons.join()).toContain('派单目录');
  });

  it('an elderly parent who forgets things and is not back by evening is 特急 without the word 走失, for the police', async () => {
    const c = await classify('我爸八十多了记性不好，早上说出去遛弯，这都晚上七点了还没回来，手机也关机了');
    expect(c.urgency).toMatchObject({ value: 'extra_urgent', confirm: false });
    expect(c.urgency.reasons[0]).toContain('下落不明');
    expect(c.departments.map((d) => d.code)).toContain('police');
  });

  it.each([['万一楼道里堆的纸箱着火了怎么办，物业也不管'], ['上个礼拜我们楼下车棚着火了，火早就灭了，我想开个证明']])(
    'a hypothetical or past emergency is not 特急 but asks the agent to confirm: %s',
    async (text) => {
      const c = await classify(text);
      expect(c.urgency.value).not.toBe('extra_urgent');
      expect(c.urgency.confirm).toBe(true);
      expect(c.urgency.reasons[0]).toMatch(/^疑似特急，请确认/);
    },
  );

  it('routes everyday matters of departments the outside data never covered', async () => {
    expect((await classify('我想问问办低保要什么条件，家里就我跟老伴两个人')).departments[0].code).toBe('civil');
    expect((await classify('菜市场门口那家卖肉的秤有问题，一斤少了二两')).departments[0].code).toBe('market');
    expect((await classify('楼下那户在院子里私自加盖了两层，城管管不管')).departments[0].code).toBe('urban');
  });
});

describe('the knowledge base beside a call', () => {
  it('shows only articles relevant to the call: a gas-leak call shows no enrolment or elderly-care articles', async () => {
    const token = await t.token('agent');
    const text = '家里厨房一股煤气味，灶台那边好像在漏气，我不敢开灯';
    const res = await t.req('GET', `/api/v1/kb/articles/search?context=call&limit=10&q=${encodeURIComponent(text)}`, { token });
    expect(res.status).toBe(200);
    const items = (res.body as KbSearchResultDto).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].article.departmentId).toBe(t.dept('utilities'));
    for (const i of items) expect(i.article.title).not.toMatch(/入学|学位|孤寡|养老院|低保/);
    // the same words as a plain search still reach further
    const plain = (await t.req('GET', `/api/v1/kb/articles/search?limit=50&q=${encodeURIComponent(text)}`, { token })).body as KbSearchResultDto;
    expect(plain.total).toBeGreaterThanOrEqual(items.length);
  });

  it('a call about nothing the base knows shows nothing', async () => {
    const res = await t.req('GET', `/api/v1/kb/articles/search?context=call&q=${encodeURIComponent('你好你好，喂，听得见吗')}`, { token: await t.token('agent') });
    expect((res.body as KbSearchResultDto).items).toEqual([]);
  });

  it('refuses an unknown context by name', async () => {
    const res = await t.req('GET', '/api/v1/kb/articles/search?context=other&q=x', { token: await t.token('agent') });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('context');
  });
});

describe('the dispatch catalogue is data an admin edits', () => {
  it('a new matter routes the next classification; edits check the version; a deactivated matter stops', async () => {
    const admin = await t.token('admin');
    const text = '我家门口那台共享充电宝柜子一直在冒焦味还发烫';
    const before = await classify(text);
    const created = await t.req('POST', '/api/v1/catalogue/matters', {
      token: admin,
      body: {
        code: 'market-powerbank-cabinet',
        name: '共享充电宝柜故障',
        departmentId: t.dept('market'),
        urgency: null,
        terms: ['共享充电宝', '充电宝柜子', '充电宝柜'],
        phrasings: ['充电宝柜子发烫'],
      },
    });
    expect(created.status).toBe(201);
    const after = await classify(text);
    expect(after.matters[0]).toMatchObject({ code: 'market-powerbank-cabinet', departmentId: t.dept('market') });
    const marketScore = (c: ClassificationDto) => c.departments.find((d) => d.code === 'market')?.score ?? 0;
    expect(marketScore(after)).toBeGreaterThan(marketScore(before));
    const stale = await t.req('PATCH', `/api/v1/catalogue/matters/${created.body.id}`, { token: admin, body: { active: false, version: 9 } });
    expect(stale.status).toBe(409);
    const off = await t.req('PATCH', `/api/v1/catalogue/matters/${created.body.id}`, { token: admin, body: { active: false, version: 1 } });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await classify(text)).matters.map((m) => m.code)).not.toContain('market-powerbank-cabinet');
    expect((await t.req('DELETE', `/api/v1/catalogue/matters/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.req('GET', `/api/v1/catalogue/matters/${created.body.id}`, { token: admin })).status).toBe(404);
  });

  it('refuses bad matters by name, duplicates with 409, and non-admins with 403', async () => {
    const admin = await t.token('admin');
    const bad = async (body: object, field: string) => {
      const res = await t.req('POST', '/api/v1/catalogue/matters', { token: admin, body });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    };
    const ok = { code: 'civil-test-matter', name: '测试事项', departmentId: t.dept('civil'), terms: ['测试词'] };
    await bad({ ...ok, code: 'Bad Code' }, 'code');
    await bad({ ...ok, terms: [] }, 'terms');
    await bad({ ...ok, departmentId: 999 }, 'departmentId');
    await bad({ ...ok, urgency: 'soon' }, 'urgency');
    await bad({ ...ok, confusable: [{ name: 'x', departmentId: 1 }] }, 'hint');
    expect((await t.req('POST', '/api/v1/catalogue/matters', { token: admin, body: ok })).status).toBe(201);
    expect((await t.req('POST', '/api/v1/catalogue/matters', { token: admin, body: ok })).status).toBe(409);
    expect((await t.req('POST', '/api/v1/catalogue/matters', { token: await t.token('supervisor'), body: { ...ok, code: 'civil-other' } })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/catalogue/matters', { token: await t.token('h-civil') })).status).toBe(403);
  });
});

describe('agents’ corrections teach the next suggestion', () => {
  it('a department chosen other than suggested, and an urgency reclassified, change the next classification of such a call', async () => {
    const agent = await t.token('agent');
    const admin = await t.token('admin');
    const text = (i: number) => `第${i}次反映：小区门口新开的那家剧本杀店，半夜里一群人进进出出大声喧哗`;
    const before = await classify(text(0));
    const target = before.departments[0].code === 'commerce' ? 'police' : 'commerce';
    for (let i = 1; i <= 4; i++) {
      const res = await t.req('POST', '/api/v1/tickets', { token: agent, body: { callerPhone: '13800001111', category: 'complaint', urgency: 'normal', content: text(i) } });
      expect(res.status).toBe(201);
      expect(res.body.classification.departments[0].code).not.toBe(target);
      const d = await t.req('POST', `/api/v1/tickets/${res.body.id}/dispatch`, { token: agent, body: { departmentId: t.dept(target) } });
      expect(d.status).toBe(200);
      const r = await t.req('POST', `/api/v1/tickets/${res.body.id}/reclassify`, { token: agent, body: { urgency: 'urgent' } });
      expect(r.status).toBe(200);
    }
    const retrain = await t.req('POST', '/api/v1/classification/model/retrain', { token: admin });
    expect(retrain.body.corrections).toBeGreaterThanOrEqual(8);
    const after = await classify(text(9));
    expect(after.departments[0].code).toBe(target);
    expect(after.urgency.value).toBe('urgent');
  });
});
