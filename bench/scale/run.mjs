// Scale benchmark (issue 20): the everyday reads of a 12345 centre at 2,000, 1,000,000 and (BENCH_10M=1) 10,000,000
// tickets, over HTTP, each beside the bare index read straight through mysql2 in the same run.
// Tickets are filled with INSERT ... SELECT (like bench/wallboard), their search terms from per-template term lists;
// a few real tickets are registered through the API at each size (a rare phrase, a caller). Every 10th ticket of the
// newest million is open; one caller in a thousand is the same heavy caller (1,000 tickets at 1M, 10,000 at 10M).
// Run with `npm run bench:scale` (builds first). BENCH_10M=1 adds the 10M step (long: ~150M term rows).
// BENCH_ONLY=reports times only the reports (each fresh, their exports, /health/live probed meanwhile);
// BENCH_KEEP=1 keeps the database of an earlier run and only tops it up (the fill is incremental).
// With BENCH_10M=1 the bench sizes InnoDB for a table of ~20 GB while it runs (BENCH_TUNE=0 leaves the server alone):
// a buffer pool of up to 16 GiB and a 4 GiB redo log, both restored at the end (the 9M tickets filled in 30.6 min, against
// 40.9 min with the default 96 MiB redo log; either way one core inserting into the tickets table's secondary indexes).
import mysql from 'mysql2/promise';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem } from 'node:os';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { timeReports } from './reports.mjs';
import { benchDb, login, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const require = createRequire(import.meta.url);
const { indexTerms, encodeCursor } = require('@hotline/domain');
// the words the understanding job keeps for each ticket (ticket_words): the API's own segmenter, from the build
const { segmenter } = require('../../apps/api/dist/understanding/text/segmenter.js');

const SIZES = [2_000, 1_000_000, ...(process.env.BENCH_10M === '1' ? [10_000_000] : [])];
// every 10th ticket of the newest million is open (100,000, over the last 35 days, as at 1M); older ones are closed: a
// centre of 10,000,000 tickets has years behind it, not a million tickets open
const OPEN_FROM = Math.max(0, SIZES[SIZES.length - 1] - 1_000_000);
const PORT = Number(process.env.BENCH_PORT || 3932);
const DB = benchDb('hotline_bench_scale');
const ONLY_REPORTS = process.env.BENCH_ONLY === 'reports';
const KEEP = process.env.BENCH_KEEP === '1';
const RUNS = Number(process.env.BENCH_RUNS || 30);
const HEAVY = '13800000000';
const TUNE = process.env.BENCH_10M === '1' && process.env.BENCH_TUNE !== '0';
const say = (m) => process.stdout.write(`[bench:scale] ${m}\n`);

/**
 * Sizes InnoDB for the 10M fill (a dynamic change, MariaDB >= 10.9; MySQL 8.0.30 calls the redo log
 * innodb_redo_log_capacity) and returns what restores the server's own settings.
 */
async function tuneInnodb(admin) {
  // in the order they are restored (io capacity before its maximum)
  const names = ['innodb_io_capacity', 'innodb_io_capacity_max', 'innodb_log_file_size', 'innodb_buffer_pool_size'];
  const [[before]] = await admin.query(`SELECT ${names.map((n) => `@@${n} AS ${n}`).join(', ')}`);
  const pool = Math.min(16 * 2 ** 30, Math.floor((totalmem() * 2) / 3 / 2 ** 30) * 2 ** 30);
  const want = { innodb_buffer_pool_size: pool, innodb_log_file_size: 4 * 2 ** 30, innodb_io_capacity_max: 8_000, innodb_io_capacity: 2_000 };
  const set = async (values) => {
    for (const [name, value] of Object.entries(values)) {
      try {
        await admin.query(`SET GLOBAL ${name} = ?`, [value]);
      } catch (e) {
        say(`  could not set ${name} (${e.message}); the fill will be slower`);
      }
    }
  };
  await set(want);
  say(`InnoDB for the fill: buffer pool ${pool / 2 ** 30} GiB, redo log 4 GiB, io capacity 2,000 (restored at the end)`);
  return () => set(Object.fromEntries(names.map((n) => [n, Number(before[n])])));
}
const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';

/** What citizens call about, with where: each filled ticket is one of these (ticket n is template n % 20). */
const TEMPLATES = [
  ['小区停水，请尽快处理。', '幸福路88号幸福小区'],
  ['路灯不亮，晚上出行不便。', '光明路12号'],
  ['楼上装修噪音扰民。', '和平街5号'],
  ['餐馆油烟直排影响居民。', '人民路210号'],
  ['公交站台破损需要维修。', '建设大道公交站'],
  ['社保卡补办流程咨询。', null],
  ['医保报销比例咨询。', null],
  ['小区垃圾清运不及时。', '东湖花园'],
  ['道路井盖缺失存在安全隐患。', '解放路与中山路交叉口'],
  ['学校周边交通拥堵。', '实验小学'],
  ['物业费收费标准咨询。', '碧桂园小区'],
  ['商家销售过期食品。', '万达广场'],
  ['燃气费缴纳问题。', null],
  ['违章建筑举报。', '西郊村'],
  ['出租车拒载投诉。', '火车站'],
  ['供暖温度不达标。', '阳光小区'],
  ['工地夜间施工扰民。', '滨江新城'],
  ['养老保险转移咨询。', null],
  ['下水道堵塞污水外溢。', '老城区菜市场'],
  ['户籍迁移办理咨询。', null],
];

async function fillTerms(sql) {
  await sql.query('DROP TABLE IF EXISTS bench_template_terms');
  await sql.query('CREATE TABLE bench_template_terms (template INT NOT NULL, term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, PRIMARY KEY (template, term))');
  const rows = TEMPLATES.flatMap(([content, address], i) => [...new Set([...indexTerms(content), ...indexTerms(address)])].map((term) => [i, term]));
  await sql.query('INSERT INTO bench_template_terms (template, term) VALUES ?', [rows]);
  await sql.query('DROP TABLE IF EXISTS bench_template_words');
  await sql.query('CREATE TABLE bench_template_words (template INT NOT NULL PRIMARY KEY, terms TEXT CHARACTER SET utf8mb4 NOT NULL)');
  await sql.query('INSERT INTO bench_template_words (template, terms) VALUES ?', [TEMPLATES.map(([content], i) => [i, JSON.stringify(segmenter().terms(content))])]);
}

/** Grows the table to `total` tickets, 100,000 per INSERT ... SELECT with their kept words, then their search terms. */
async function fill(sql, total) {
  const [[{ have }]] = await sql.query('SELECT COUNT(*) AS have FROM tickets');
  const [[{ top }]] = await sql.query('SELECT COALESCE(MAX(id), 0) AS top FROM tickets');
  const contentOf = `ELT(1 + n % 20, ${TEMPLATES.map(([c]) => sql.escape(c)).join(', ')})`;
  const addressOf = `ELT(1 + n % 20, ${TEMPLATES.map(([, a]) => sql.escape(a)).join(', ')})`;
  const open = "ELT(1 + (n DIV 10) % 5, 'registered', 'dispatched', 'accepted', 'returned', 'replied')";
  // a running ticket's past deadline is already recorded, as the SLA worker recorded it when it fell due: otherwise the
  // API's sweepers would spend the measurement breaching the 80,000 open tickets of the fill
  const late = (hours) => `(open AND ${open} <> 'replied' AND created + INTERVAL ${hours} HOUR <= UTC_TIMESTAMP(3))`;
  for (let from = Number(have); from < total; from += 100_000) {
    const size = Math.min(100_000, total - from);
    const t0 = Date.now();
    // n counts tickets; registration time grows with n (a ticket a few seconds after the last), the newest now
    await sql.beginTransaction();
    const [[{ prior }]] = await sql.query('SELECT COALESCE(MAX(id), 0) AS prior FROM tickets');
    await sql.query(`
      INSERT INTO tickets (no, status, urgency, category, content, caller_phone, address, confidential, department_id, created_by, created_at, updated_at,
        sla_started_at, due_at, warn_at, warned_at, breached_at, sla_state, warning_count, breach_count, dispatched_at, dispatch_count, replied_at, closed_at,
        satisfaction)
      SELECT CONCAT(20000000 + n DIV 1000000, '-', LPAD(n % 1000000, 6, '0')), IF(open, ${open}, 'closed'), urgency, 'help', ${contentOf},
        IF(n % 1000 = 0, '${HEAVY}', CONCAT('139', LPAD(n % 300000, 8, '0'))), ${addressOf}, 0,
        IF(open AND ${open} IN ('registered', 'returned'), NULL, 1 + n % 13), 1, created, created, created, created + INTERVAL 12 HOUR,
        created + INTERVAL 9 HOUR, IF(${late(9)}, created + INTERVAL 9 HOUR, NULL), IF(${late(12)}, created + INTERVAL 12 HOUR, NULL),
        CASE WHEN ${late(12)} THEN 'breached' WHEN ${late(9)} THEN 'warning' ELSE 'on_track' END, ${late(9)}, ${late(12)},
        created, 1, IF(open AND ${open} <> 'replied', NULL, created + INTERVAL 4 HOUR), IF(open, NULL, created + INTERVAL 5 HOUR), IF(open, NULL, 'satisfied')
      FROM (
        SELECT n, n % 10 = 0 AND n >= ${OPEN_FROM} AS open, ELT(1 + n % 5, 'normal', 'normal', 'normal', 'urgent', 'extra_urgent') AS urgency,
          UTC_TIMESTAMP(3) - INTERVAL ${SIZES[SIZES.length - 1]} * 3 SECOND + INTERVAL n * 3 SECOND AS created
        FROM (SELECT ${from} + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
              FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums
        WHERE n < ${from + size}
      ) x`);
    // every ticket has been understood: its words kept, in the tickets' own transaction, so that the API's
    // understanding sweep never finds one without them and cuts texts during the measurement
    await sql.query(
      `INSERT IGNORE INTO ticket_words (ticket_id, terms, understood_at)
      SELECT t.id, tw.terms, t.created_at FROM tickets t JOIN bench_template_words tw ON tw.template = CAST(SUBSTRING_INDEX(t.no, '-', -1) AS UNSIGNED) % 20
      WHERE t.id > ? AND t.no LIKE '2000%'`,
      [prior],
    );
    await sql.commit();
    const t1 = Date.now();
    say(`  tickets ${(from + size).toLocaleString()} of ${total.toLocaleString()}, with their words (${((t1 - t0) / 1000).toFixed(1)} s)`);
  }
  // the terms of every ticket added: its template's, and its number's two parts
  const [[{ last }]] = await sql.query('SELECT MAX(id) AS last FROM tickets');
  for (let lo = Number(top) + 1; lo <= Number(last); lo += 100_000) {
    const hi = Math.min(Number(last), lo + 99_999);
    const t0 = Date.now();
    await sql.query(
      `INSERT IGNORE INTO ticket_terms (term, ticket_id, src)
      SELECT tt.term, t.id, 1 FROM tickets t JOIN bench_template_terms tt ON tt.template = CAST(SUBSTRING_INDEX(t.no, '-', -1) AS UNSIGNED) % 20
      WHERE t.id BETWEEN ? AND ? AND t.no LIKE '2000%'`,
      [lo, hi],
    );
    await sql.query(
      `INSERT IGNORE INTO ticket_terms (term, ticket_id, src)
      SELECT SUBSTRING_INDEX(no, '-', 1), id, 1 FROM tickets WHERE id BETWEEN ? AND ? AND no LIKE '2000%'
      UNION ALL SELECT SUBSTRING_INDEX(no, '-', -1), id, 1 FROM tickets WHERE id BETWEEN ? AND ? AND no LIKE '2000%'`,
      [lo, hi, lo, hi],
    );
    say(`  terms of tickets up to id ${hi.toLocaleString()} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await sql.query('ANALYZE TABLE tickets, ticket_terms, ticket_words');
}

const RESULTS = join(ROOT, 'bench/results/scale.json');
// with BENCH_KEEP, the steps an earlier run measured on the kept table and this one skips
const { at: earlierAt, results: earlier = [] } = KEEP && existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};

/** This run's steps, and the earlier run's steps of sizes this one did not measure. */
function save(results) {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const rows = [...earlier.filter((e) => !results.some((r) => r.tickets === e.tickets)), ...results].sort((a, b) => a.tickets - b.tickets);
  writeFileSync(RESULTS, `${JSON.stringify({ at: new Date().toISOString(), results: rows }, null, 2)}\n`);
}

async function timed(fn, n = RUNS, warm = 3) {
  for (let i = 0; i < warm; i++) await fn();
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const s = summary(out);
  return { p50: Number(s.p50.toFixed(1)), p95: Number(s.p95.toFixed(1)) };
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${DB}`;
  const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
  if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  const untune = TUNE ? await tuneInnodb(admin) : async () => {};
  const url = `http://127.0.0.1:${PORT}`;
  say(`starting the API on ${url} (SLA_ROLE=api: reads only, no timers)...`);
  const api = spawnApi({
    DATABASE_URL: dbUrl.toString(),
    PORT: String(PORT),
    SEED_DEMO: 'true',
    SLA_ROLE: 'api',
    QUEUE_PREFIX: `{hotline-bench-scale-${DB}}`,
    REDIS_URL: env.REDIS_URL,
  });
  const results = [];
  try {
    await waitHealthy(url, 180, api);
    const sql = await mysql.createConnection({ uri: dbUrl.toString(), timezone: 'Z' });
    await fillTerms(sql);
    // signed in again after each fill: filling 10,000,000 tickets takes longer than an access token lives
    let agent, supervisor, handler;
    const signIn = async () => {
      [agent, supervisor, handler] = await Promise.all([login(url, 'agent'), login(url, 'supervisor'), login(url, 'h-health')]);
    };
    const get = async (path, token = agent) => {
      const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const [[{ kept }]] = await sql.query('SELECT COUNT(*) AS kept FROM tickets');
    for (const size of SIZES) {
      if (Number(kept) > size + 1_000) {
        say(`skipping the ${size.toLocaleString()} step: the kept table already holds ${Number(kept).toLocaleString()} tickets`);
        continue;
      }
      say(`filling to ${size.toLocaleString()} tickets...`);
      const t0 = Date.now();
      await fill(sql, size);
      await signIn();
      const rare = await (
        await fetch(`${url}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
          body: JSON.stringify({ callerPhone: '13612345678', urgency: 'normal', content: `工地挖出恐龙化石，需要文物部门到场（规模 ${size}）`, address: '北郊工地' }),
        })
      ).json();
      const [[{ n, terms }]] = await sql.query('SELECT (SELECT COUNT(*) FROM tickets) AS n, (SELECT COUNT(*) FROM ticket_terms) AS terms');
      say(`table: ${Number(n).toLocaleString()} tickets, ${Number(terms).toLocaleString()} terms; filled in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      const [[mid]] = await sql.query('SELECT id, no, caller_phone FROM tickets WHERE id >= (SELECT MAX(id) DIV 2 FROM tickets) ORDER BY id LIMIT 1');
      const middleCursor = encodeCursor(Number(mid.id));
      const reads = {
        'number (q=<no>)': [() => get(`/tickets?q=${mid.no}`), () => sql.query('SELECT id FROM tickets WHERE no = ?', [mid.no])],
        'phone (q=<phone>)': [
          () => get(`/tickets?q=${mid.caller_phone}`),
          () => sql.query('SELECT id FROM tickets WHERE caller_phone = ? ORDER BY id DESC LIMIT 21', [mid.caller_phone]),
        ],
        'rare phrase (q=恐龙化石)': [
          () => get(`/tickets?q=${encodeURIComponent('恐龙化石')}`),
          () => sql.query("SELECT ticket_id FROM ticket_terms WHERE term = '恐龙' ORDER BY ticket_id DESC LIMIT 21"),
        ],
        'phrase matching nothing': [
          () => get(`/tickets?q=${encodeURIComponent('独角兽飞船')}`),
          () => sql.query("SELECT ticket_id FROM ticket_terms WHERE term = '独角' LIMIT 21"),
        ],
        'common phrase (q=小区停水, 1 in 20)': [
          () => get(`/tickets?q=${encodeURIComponent('小区停水')}`),
          () => sql.query("SELECT ticket_id FROM ticket_terms WHERE term = '停水' ORDER BY ticket_id DESC LIMIT 21"),
        ],
        'list, first page': [() => get('/tickets?pageSize=20'), () => sql.query('SELECT id FROM tickets ORDER BY id DESC LIMIT 21')],
        'list, middle page (cursor)': [
          () => get(`/tickets?pageSize=20&cursor=${middleCursor}`),
          () => sql.query('SELECT id FROM tickets WHERE id < ? ORDER BY id DESC LIMIT 21', [mid.id]),
        ],
        'list, page 2,000 (page=, OFFSET)': [() => get('/tickets?pageSize=20&page=2000'), () => sql.query('SELECT id FROM tickets ORDER BY id DESC LIMIT 21 OFFSET 39980')],
        'heavy caller history': [() => get(`/callers/${HEAVY}/tickets`), () => sql.query('SELECT id FROM tickets WHERE caller_phone = ? ORDER BY id DESC LIMIT 10', [HEAVY])],
        'handler inbox (待签收)': [
          () => get('/tickets?status=dispatched&pageSize=20', handler),
          () => sql.query("SELECT id FROM tickets WHERE department_id = 1 AND status = 'dispatched' ORDER BY id DESC LIMIT 21"),
        ],
      };
      if (!(await get(`/tickets?q=${encodeURIComponent('恐龙化石')}`)).items.some((x) => x.id === rare.id)) throw new Error('the rare phrase was not found');
      const row = { tickets: Number(n), reads: {} };
      for (const [name, [http, bare]] of ONLY_REPORTS ? [] : Object.entries(reads)) {
        const h = await timed(http);
        const b = await timed(bare);
        row.reads[name] = { httpMs: h, bareMs: b };
        say(`  ${name.padEnd(36)} HTTP p50 ${String(h.p50).padStart(7)} ms p95 ${String(h.p95).padStart(7)} ms | bare index read p50 ${b.p50} ms`);
      }
      row.reports = await timeReports({ url, token: supervisor, sql, step: SIZES.indexOf(size), say });
      results.push(row);
      // written after each step, so that a step that fails later keeps what the earlier ones measured
      save(results);
    }
    await sql.end();
  } finally {
    await stop(api);
    await untune();
    await admin.end();
  }
  // the targets (issue 20): from 2,000 to 1M every everyday read grows by at most 3x and stays under 200 ms; at 10M it
  // stays under 300 ms (its growth is printed, not judged: a 10M run's 2,000 step holds history only); the reports
  // (a week of the table) within 2 s
  // growth is judged against the 2,000 step of this run or, when BENCH_KEEP skipped it, of the run that wrote the file
  const base = results.find((r) => r.tickets < 10_000) ?? earlier.find((r) => r.tickets < 10_000);
  if (base && base !== results[0]) say(`growth below is against the 2,000 step of the run of ${earlierAt}`);
  const everyday = Object.keys((base ?? results[0]).reads).filter((k) => !k.includes('OFFSET'));
  for (const r of results.filter((x) => x.tickets >= 10_000)) {
    const big = r.tickets >= 10_000_000;
    const limit = big ? 300 : 200;
    for (const k of everyday.filter((name) => r.reads[name])) {
      const ms = r.reads[k].httpMs.p50;
      const growth = base && ms / Math.max(base.reads[k].httpMs.p50, 1);
      const grown = base ? `${growth.toFixed(1)}x of 2,000` : 'no 2,000 step to compare with';
      const met = ms < limit && (big || !base || growth <= 3);
      say(`${r.tickets.toLocaleString()} tickets: ${k}: ${ms} ms (${grown}) ${met ? 'met' : 'MISSED'}`);
    }
    for (const [k, ms] of [
      ['unresolved report (today)', r.reports['unresolved report (today)'].httpMs.max],
      ['weekly report (this week)', r.reports['weekly report (this week)'].httpMs],
      ['weekly report (past weeks)', r.reports['weekly report (past weeks)'].httpMs.max],
    ]) {
      say(`${r.tickets.toLocaleString()} tickets: ${k}: slowest ${ms} ms ${ms <= 2000 ? 'met' : 'MISSED'} (2 s)`);
    }
  }
  say(`written to ${RESULTS}`);
}

main().catch((e) => {
  process.stderr.write(`[bench:scale] failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
