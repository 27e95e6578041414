// Understanding-the-call benchmark: classify latency for 500-character texts, knowledge-base search at 10,000
// articles, and repeat-call detection per new ticket with 1,000,000 tickets in the history. Each figure is printed
// beside a baseline measured in the same run against the same API: GET /api/v1/health (the cost of an
// authenticated-less round trip through the same HTTP stack), and for repeat detection the two index reads alone.
// Run with `npm run bench:understanding` (builds first). The filled database is kept for re-runs; BENCH_REFILL=1 refills.
import mysql from 'mysql2/promise';
import Redis from 'ioredis';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { login, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const TOTAL = 1_000_000;
const ARTICLES = 10_000;
const N = Number(process.env.BENCH_N || 1000);
const PORT = Number(process.env.BENCH_PORT || 3941);
const DB = 'hotline_bench_understanding';
const PREFIX = '{hotline-bench-und}';
const say = (m) => process.stdout.write(`[bench:understanding] ${m}\n`);
const round = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v.toFixed(2))]));
const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';

const PROBLEMS = [
  '小区从早上开始停水，到现在还没有来水，家里老人孩子没法做饭',
  '楼下餐馆油烟很大，每天晚上熏得开不了窗，希望环保部门处理',
  '公司拖欠三个月工资，老板不接电话，劳动合同也没有签',
  '小区物业不修电梯，物业费照收，业委会也不管',
  '路灯坏了两个星期，晚上出行很不安全，希望尽快维修',
  '孩子入学学位不够，学校说要排队等通知',
  '公交车经常不按站停靠，司机态度恶劣',
  '隔壁装修噪音太大，周末早上七点就开始施工',
  '超市买到过期食品，商家拒绝退款',
  '小区门口占道摆摊，垃圾乱扔，影响通行',
];

/** A realistic 500-character call: a problem told at length, as agents type what the citizen says. */
const longText = (i) => {
  let s = `市民来电反映：${PROBLEMS[i % PROBLEMS.length]}。`;
  while (s.length < 500) s += `${PROBLEMS[(i * 7 + s.length) % PROBLEMS.length]}，已经反映过多次，一直没有得到解决，请相关部门尽快核实处理并回复。`;
  return s.slice(0, 500);
};

async function fill(db) {
  await db.query('DELETE FROM ticket_events WHERE ticket_id > 7');
  await db.query('DELETE FROM tickets WHERE id > 7');
  const content = `ELT(1 + n % 10, ${PROBLEMS.map((p) => `'${p}'`).join(', ')})`;
  for (let chunk = 0; chunk < TOTAL / 100_000; chunk++) {
    const t0 = Date.now();
    // 300,000 callers (about 3 tickets each over the year), 500 estates x 100 buildings, created over 365 days
    await db.query(`
      INSERT INTO tickets (no, status, urgency, category, content, caller_phone, address, address_key, area_key, confidential, department_id,
        created_by, created_at, updated_at, sla_started_at, due_at, warn_at, sla_state, dispatch_count, replied_at, closed_at)
      SELECT CONCAT('U', LPAD(n, 9, '0')), IF(n % 10 = 0, 'dispatched', 'closed'), 'normal', 'help', ${content},
        CONCAT('139', LPAD(n % 300000, 8, '0')), CONCAT('幸福', n % 500, '小区', n % 100, '栋'), CONCAT('幸福', n % 500, '小区', n % 100, '栋'),
        CONCAT('幸福', n % 500, '小区'), 0, 1 + n % 13, 1, created, created, created, created + INTERVAL 12 HOUR, created + INTERVAL 9 HOUR,
        'on_track', 1, IF(n % 10 = 0, NULL, created + INTERVAL 4 HOUR), IF(n % 10 = 0, NULL, created + INTERVAL 5 HOUR)
      FROM (SELECT n, UTC_TIMESTAMP(3) - INTERVAL (n * 31) % 525600 MINUTE AS created
            FROM (SELECT ${chunk * 100_000} + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
                  FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums) x`);
    say(`  filled ${(chunk + 1) * 100_000} of ${TOTAL} tickets (${((Date.now() - t0) / 1000).toFixed(1)} s for this 100,000)`);
  }
  await db.query('ANALYZE TABLE tickets');
}

async function fillArticles(db, redis) {
  await db.query('DELETE FROM kb_articles');
  const topics = [
    '社保缴费',
    '医保报销',
    '公积金提取',
    '房产证办理',
    '物业收费',
    '学位申请',
    '公交线路',
    '停水通知',
    '垃圾清运',
    '违章建筑',
    '低保申请',
    '工资拖欠',
    '预付卡退费',
    '噪音投诉',
    '油烟污染',
    '户口迁移',
    '驾照换证',
    '疫苗接种',
    '燃气开户',
    '路灯维修',
  ];
  const rows = [];
  for (let i = 0; i < ARTICLES; i++) {
    const topic = topics[i % topics.length];
    const area = `第${Math.floor(i / topics.length)}片区`;
    rows.push([
      `${area}${topic}办理指南（${i}）`,
      `您好，关于${topic}：${PROBLEMS[i % PROBLEMS.length]}等情况，请携带身份证和相关材料到${area}政务服务中心${topic}窗口办理，工作日 9:00-17:00。${topic}的政策依据见市政府公告第${i}号，咨询电话 12345。`.repeat(
        2,
      ),
      JSON.stringify([topic, area]),
      1 + (i % 13),
      i % 50,
    ]);
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await db.query(
      `INSERT INTO kb_articles (title, body, tags, department_id, use_count, active, created_by, created_at, updated_at, version) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, 1, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)').join(', ')}`,
      chunk.flat(),
    );
  }
  await redis.incr(`${PREFIX}:kb:version`);
}

async function timedSeq(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return round(summary(out));
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${DB}`;
  if (process.env.BENCH_REFILL === '1') {
    const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
  }
  const url = `http://127.0.0.1:${PORT}`;
  say(`starting the API on ${url} (SLA_ROLE=api, logs at warn)...`);
  const api = spawnApi({
    DATABASE_URL: dbUrl.toString(),
    PORT: String(PORT),
    SEED_DEMO: 'true',
    SLA_ROLE: 'api',
    QUEUE_PREFIX: PREFIX,
    REDIS_URL: env.REDIS_URL,
    HOTSPOT_THRESHOLD: '1000',
  });
  const redis = new Redis(env.REDIS_URL);
  try {
    await waitHealthy(url, 120, api);
    const db = await mysql.createConnection({ uri: dbUrl.toString(), timezone: 'Z' });
    const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM tickets');
    if (Number(n) < TOTAL) {
      say(`filling ${TOTAL.toLocaleString()} tickets (kept for re-runs)...`);
      await fill(db);
    } else say(`reusing the ${Number(n).toLocaleString()} tickets already there (BENCH_REFILL=1 to refill)`);
    const [[{ a }]] = await db.query('SELECT COUNT(*) AS a FROM kb_articles WHERE active = 1');
    if (Number(a) < ARTICLES) {
      say(`writing ${ARTICLES.toLocaleString()} knowledge-base articles...`);
      await fillArticles(db, redis);
    }
    const agent = await login(url, 'agent');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${agent}` };
    const call = async (method, path, body) => {
      const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };

    say(`baseline: GET /api/v1/health x ${N}, one at a time...`);
    await timedSeq(50, () => call('GET', '/api/v1/health'));
    const health = await timedSeq(N, () => call('GET', '/api/v1/health'));
    say(`baseline health: p50 ${health.p50} ms, p99 ${health.p99} ms`);

    say(`classify: ${N} texts of 500 characters, one at a time...`);
    await call('POST', '/api/v1/classify', { content: longText(0) }); // trains the model on first use
    await timedSeq(50, (i) => call('POST', '/api/v1/classify', { content: longText(i) }));
    const classify = await timedSeq(N, (i) => call('POST', '/api/v1/classify', { content: longText(i) }));
    say(`classify: p50 ${classify.p50} ms, p99 ${classify.p99} ms, max ${classify.max} ms (target p99 < 20 ms)`);

    const queries = [
      '社保怎么缴费',
      '公积金提取需要什么材料',
      '停水什么时候恢复',
      '房产证在哪里办',
      '油烟污染投诉',
      '低保申请条件',
      '驾照到期换证',
      '学位申请流程',
      '工资拖欠怎么办',
      '路灯坏了找谁',
    ];
    say(`knowledge base: first search (this instance indexes ${ARTICLES.toLocaleString()} articles)...`);
    const t0 = Date.now();
    const first = await call('GET', `/api/v1/kb/articles/search?q=${encodeURIComponent(queries[0])}`);
    const indexMs = Date.now() - t0;
    say(`  first search (with indexing) ${indexMs} ms, ${first.total} matches`);
    const kb = await timedSeq(N, (i) => call('GET', `/api/v1/kb/articles/search?q=${encodeURIComponent(queries[i % queries.length])}&limit=10`));
    const inner = [];
    for (let i = 0; i < 200; i++) inner.push((await call('GET', `/api/v1/kb/articles/search?q=${encodeURIComponent(queries[i % queries.length])}`)).tookMs);
    const kbInner = round(summary(inner));
    say(`kb search over HTTP: p50 ${kb.p50} ms, p99 ${kb.p99} ms; inside the service: p50 ${kbInner.p50} ms, p99 ${kbInner.p99} ms (target < 50 ms)`);

    say(`repeat detection with ${TOTAL.toLocaleString()} tickets: ${N} checks for callers and addresses that have history...`);
    const check = (i) => ({ callerPhone: `139${String((i * 97) % 300000).padStart(8, '0')}`, content: PROBLEMS[i % 10], address: `幸福${i % 500}小区${i % 100}栋` });
    let found = 0;
    const repeat = await timedSeq(N, async (i) => (found += (await call('POST', '/api/v1/tickets/duplicates/check', check(i))).length));
    say(`duplicates/check: p50 ${repeat.p50} ms, p99 ${repeat.p99} ms; ${(found / N).toFixed(2)} candidates per check on average`);
    const sqlOnly = await timedSeq(N, async (i) => {
      const c = check(i);
      await Promise.all([
        db.query(
          "SELECT id, content FROM tickets WHERE caller_phone = ? AND (created_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY OR status <> 'closed') AND duplicate_of_id IS NULL ORDER BY created_at DESC LIMIT 200",
          [c.callerPhone],
        ),
        db.query(
          'SELECT id, content FROM tickets WHERE address_key = ? AND created_at >= UTC_TIMESTAMP() - INTERVAL 7 DAY AND duplicate_of_id IS NULL ORDER BY created_at DESC LIMIT 200',
          [c.address],
        ),
      ]);
    });
    say(`baseline: the two index reads alone through mysql2: p50 ${sqlOnly.p50} ms, p99 ${sqlOnly.p99} ms`);
    const intake = await timedSeq(200, (i) => call('POST', '/api/v1/tickets', { ...check(i), urgency: 'normal' }));
    say(`registration with classification, repeat check and hotspot check, 200 tickets: p50 ${intake.p50} ms, p99 ${intake.p99} ms`);
    await db.end();

    const result = {
      tickets: TOTAL,
      articles: ARTICLES,
      requests: N,
      healthMs: health,
      classifyMs: classify,
      kbFirstSearchWithIndexingMs: indexMs,
      kbSearchHttpMs: kb,
      kbSearchServiceMs: kbInner,
      duplicateCheckMs: repeat,
      candidatesPerCheck: found / N,
      duplicateSqlOnlyMs: sqlOnly,
      intakeMs: intake,
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/understanding.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
    say('written to bench/results/understanding.json');
  } finally {
    redis.disconnect();
    await stop(api);
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:understanding] failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
