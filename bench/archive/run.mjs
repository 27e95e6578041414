// Archive benchmark (issue 20, part 6): the mover at scale. BENCH_TICKETS tickets (default 1,000,000) registered evenly
// over the last 800 days, so that about half closed more than 400 days ago and are due to move; each with its trail
// (6 lines) and its search terms, as registration and handling leave them. Then the nightly job's mover
// (TicketArchiver, the default 1,000 tickets per transaction) moves them while a prober reads through the API what
// agents read all day — a ticket by its number, the first page of the list, a phrase search — beside the same probe
// before the move (the baseline, same run). Prints tickets and rows moved per second, each batch's time, the probe's
// latency before and during, and the lookup of an archived ticket by its number afterwards.
// Run: `npm run bench:archive` (builds first). BENCH_TAG keeps its database apart from other checkouts'.
import mysql from 'mysql2/promise';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/settings.mjs';
import { benchDb, freshDatabase, login, sleep, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const require = createRequire(import.meta.url);
const { indexTerms } = require('@hotline/domain');

const TOTAL = Number(process.env.BENCH_TICKETS || 1_000_000);
const PORT = Number(process.env.BENCH_PORT || 3933);
const BATCH = Number(process.env.BENCH_BATCH || 1000);
const DB = benchDb('hotline_bench_archive');
const DAYS = 800;
const say = (m) => process.stdout.write(`[bench:archive] ${m}\n`);
const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
const TEXTS = ['小区停水，请尽快处理。', '路灯不亮，晚上出行不便。', '楼上装修噪音扰民。', '餐馆油烟直排影响居民。', '公交站台破损需要维修。', '井盖缺失存在安全隐患。'];
/** A ticket's trail as handling leaves it: action, from, to, hours after registration. */
const TRAIL = [
  ['create', null, 'registered', 0],
  ['dispatch', 'registered', 'dispatched', 0.1],
  ['accept', 'dispatched', 'accepted', 0.5],
  ['reply', 'accepted', 'replied', 4],
  ['callback', 'replied', 'closed', 5],
  ['urge', 'closed', 'closed', 5],
];

async function fill(sql) {
  await sql.query(
    'CREATE TEMPORARY TABLE bench_terms (content VARCHAR(64) NOT NULL, term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, PRIMARY KEY (content, term))',
  );
  await sql.query('INSERT INTO bench_terms (content, term) VALUES ?', [TEXTS.flatMap((t) => [...new Set(indexTerms(t))].map((term) => [t, term]))]);
  await sql.query('CREATE TEMPORARY TABLE bench_trail (step INT NOT NULL PRIMARY KEY, action VARCHAR(32), from_status VARCHAR(16), to_status VARCHAR(16), hours DOUBLE)');
  await sql.query('INSERT INTO bench_trail VALUES ?', [TRAIL.map((s, i) => [i, ...s])]);
  const texts = TEXTS.map((t) => sql.escape(t)).join(', ');
  for (let done = 0; done < TOTAL; done += 100_000) {
    const t0 = Date.now();
    await sql.beginTransaction();
    const [[{ prior }]] = await sql.query('SELECT COALESCE(MAX(id), 0) AS prior FROM tickets');
    // closed 5 h after registration, on time (no deadline left to record); every tenth of the last 400 days still
    // waiting for its callback (replied: its clock stopped, nothing for the SLA worker)
    await sql.query(`
      INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, department_id, created_by, created_at, updated_at,
        sla_started_at, due_at, warn_at, sla_state, dispatched_at, dispatch_count, accepted_at, replied_at, closed_at, satisfaction, reply)
      SELECT CONCAT(19000000 + n DIV 1000000, '-', LPAD(n % 1000000, 6, '0')), IF(waiting, 'replied', 'closed'), 'normal', 'help', ELT(1 + n % ${TEXTS.length}, ${texts}),
        CONCAT('137', LPAD(n % 200000, 8, '0')), 0, 1 + n % 13, 1, created, created + INTERVAL 5 HOUR, created, created + INTERVAL 12 HOUR,
        created + INTERVAL 9 HOUR, 'on_track', created + INTERVAL 6 MINUTE, 1, created + INTERVAL 30 MINUTE, created + INTERVAL 4 HOUR,
        IF(waiting, NULL, created + INTERVAL 5 HOUR), IF(waiting, NULL, 'satisfied'), '已处理完毕。'
      FROM (SELECT n, created, n % 10 = 0 AND created > UTC_TIMESTAMP(3) - INTERVAL 400 DAY AS waiting
            FROM (SELECT n, UTC_TIMESTAMP(3) - INTERVAL ${DAYS} DAY + INTERVAL FLOOR(n * ${(DAYS * 86_400) / TOTAL}) SECOND AS created
                  FROM (SELECT ${done} + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
                        FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums
                  WHERE n < ${TOTAL}) x) y`);
    await sql.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data)
       SELECT t.id, s.action, s.from_status, s.to_status, 1, 'agent', t.created_at + INTERVAL FLOOR(s.hours * 3600) SECOND,
         IF(s.action = 'dispatch', CONCAT('{"departmentId":', t.department_id, '}'), '{}')
       FROM tickets t JOIN bench_trail s ON s.to_status <> 'closed' OR t.status = 'closed'
       WHERE t.id > ? ORDER BY t.id, s.step`,
      [prior],
    );
    // the search terms: the text's, and the number's two parts (as registration writes them)
    await sql.query(
      `INSERT INTO ticket_terms (term, ticket_id, src)
       SELECT bt.term, t.id, 1 FROM tickets t JOIN bench_terms bt ON bt.content = t.content WHERE t.id > ?
       UNION ALL SELECT SUBSTRING_INDEX(no, '-', 1), id, 1 FROM tickets WHERE id > ?
       UNION ALL SELECT SUBSTRING_INDEX(no, '-', -1), id, 1 FROM tickets WHERE id > ?`,
      [prior, prior, prior],
    );
    await sql.commit();
    say(`  ${Math.min(done + 100_000, TOTAL).toLocaleString()} of ${TOTAL.toLocaleString()} tickets, with their trail and terms (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await sql.query('ANALYZE TABLE tickets, ticket_events, ticket_terms');
}

/** Reads what agents read, in turn, every 50 ms, until `until` settles; the latencies in ms, by read. */
async function probe(reads, until) {
  const out = Object.fromEntries(Object.keys(reads).map((k) => [k, []]));
  let done = false;
  until.finally(() => (done = true));
  while (!done) {
    for (const [name, read] of Object.entries(reads)) {
      const t0 = performance.now();
      await read();
      out[name].push(performance.now() - t0);
    }
    await sleep(50);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, summary(v)]));
}

async function count(sql, table) {
  const [[{ n }]] = await sql.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(n);
}

async function main() {
  const { env, dbUrl } = await freshDatabase(DB);
  const url = `http://127.0.0.1:${PORT}`;
  // SLA_ROLE=api: the API serves the reads; the mover runs here, as `npm run archive` runs it
  const api = spawnApi({
    DATABASE_URL: dbUrl.toString(),
    PORT: String(PORT),
    SEED_DEMO: 'true',
    SLA_ROLE: 'api',
    QUEUE_PREFIX: `{hotline-bench-archive-${DB}}`,
    REDIS_URL: env.REDIS_URL,
  });
  const { DataSource } = require('typeorm');
  const dist = join(ROOT, 'apps/api/dist');
  const { dataSourceOptions } = require(join(dist, 'platform/database/data-source.js'));
  const { TicketArchiver } = require(join(dist, 'casework/archive/ticket-archiver.service.js'));
  let db;
  try {
    await waitHealthy(url, 120, api);
    const sql = await mysql.createConnection({ uri: dbUrl.toString(), timezone: 'Z' });
    say(`filling ${TOTAL.toLocaleString()} tickets registered over the last ${DAYS} days...`);
    await fill(sql);
    const before = { tickets: await count(sql, 'tickets'), events: await count(sql, 'ticket_events'), terms: await count(sql, 'ticket_terms') };
    say(`live: ${before.tickets.toLocaleString()} tickets, ${before.events.toLocaleString()} trail lines, ${before.terms.toLocaleString()} search terms`);
    const token = await login(url, 'agent');
    const get = async (path) => {
      const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const [[recent]] = await sql.query("SELECT no FROM tickets WHERE no LIKE '19%' ORDER BY id DESC LIMIT 1");
    const [[old]] = await sql.query("SELECT id, no FROM tickets WHERE no LIKE '19%' ORDER BY id LIMIT 1");
    const reads = {
      'a live ticket by its number': () => get(`/tickets?q=${recent.no}`),
      'list, first page': () => get('/tickets?pageSize=20'),
      'phrase (q=井盖缺失)': () => get(`/tickets?q=${encodeURIComponent('井盖缺失')}&pageSize=20`),
    };
    say('baseline: the reads in turn every 50 ms for 15 s, nothing moving...');
    const idle = await probe(reads, sleep(15_000));

    db = new DataSource(dataSourceOptions(dbUrl.toString(), 2));
    await db.initialize();
    const batchMs = [];
    let last = performance.now();
    say(`moving tickets closed more than 400 days ago, ${BATCH} per transaction, while probing...`);
    const t0 = performance.now();
    const moving = new TicketArchiver(db).run({
      olderThanDays: 400,
      batchSize: BATCH,
      onBatch: ({ batch, total }) => {
        const now = performance.now();
        batchMs.push(now - last);
        last = now;
        if (batch % 50 === 0) say(`  batch ${batch}: ${total.toLocaleString()} moved (${((now - t0) / 1000).toFixed(0)} s)`);
      },
    });
    const during = await probe(reads, moving);
    const run = await moving;
    const seconds = (performance.now() - t0) / 1000;
    const after = { tickets: await count(sql, 'tickets'), events: await count(sql, 'ticket_events'), terms: await count(sql, 'ticket_terms') };
    const archived = { tickets: await count(sql, 'tickets_archive'), events: await count(sql, 'ticket_events_archive'), terms: await count(sql, 'ticket_terms_archive') };
    if (after.tickets + archived.tickets !== before.tickets || after.events + archived.events !== before.events || after.terms + archived.terms !== before.terms) {
      throw new Error(`rows lost or doubled: before ${JSON.stringify(before)}, live ${JSON.stringify(after)}, archive ${JSON.stringify(archived)}`);
    }
    const lookup = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const page = await get(`/tickets?q=${old.no}`);
      lookup.push(performance.now() - t);
      if (!page.items.some((x) => x.id === Number(old.id) && x.archivedAt)) throw new Error(`archived ticket ${old.no} not found by its number`);
    }
    const rows = archived.tickets + archived.events + archived.terms;
    const result = {
      at: new Date().toISOString(),
      tickets: TOTAL,
      batchSize: BATCH,
      moved: run.moved,
      kept: run.kept,
      seconds,
      ticketsPerSecond: run.moved / seconds,
      rowsPerSecond: rows / seconds,
      batchMs: summary(batchMs),
      readsIdle: idle,
      readsDuringMove: during,
      archivedLookupMs: summary(lookup),
    };
    const f = (s) => `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
    process.stdout.write(`\nArchive mover over ${TOTAL.toLocaleString()} tickets (${BATCH} per transaction):\n`);
    process.stdout.write(
      `  moved ${run.moved.toLocaleString()} tickets and ${(archived.events + archived.terms).toLocaleString()} trail and term rows in ${seconds.toFixed(0)} s: ` +
        `${Math.round(result.ticketsPerSecond).toLocaleString()} tickets/s, ${Math.round(result.rowsPerSecond).toLocaleString()} rows/s; nothing lost or doubled\n`,
    );
    process.stdout.write(`  each batch (transaction): ${f(result.batchMs)} (${result.batchMs.n} batches)\n`);
    for (const name of Object.keys(reads)) {
      process.stdout.write(`  ${name}: while moving ${f(during[name])} | before (baseline) ${f(idle[name])}\n`);
    }
    process.stdout.write(`  an archived ticket by its number, after: ${f(result.archivedLookupMs)}\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/archive.json'), `${JSON.stringify(result, null, 2)}\n`);
    await sql.end();
  } finally {
    await db?.destroy();
    await stop(api);
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:archive] failed: ${e.stack || e.message}\n`);
  process.exit(1);
});
