// Reports benchmark: BENCH_TICKETS tickets (default 1,000,000) registered this week, then GET /api/v1/reports/weekly
// while a prober calls GET /api/v1/health/live every 10 ms: the probe's latency while the report is computed, beside
// the same probe with nothing running (the baseline, same run), and the report's own time, fresh and kept.
// Run: `npm run build:api && node bench/reports/run.mjs` (BENCH_TAG keeps its database apart from other checkouts';
// BENCH_KEEP=1 reuses the tickets a previous run filled; BENCH_API_NODE_ARGS='--cpu-prof' profiles the API).
import mysql from 'mysql2/promise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { benchDb, login, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const TOTAL = Number(process.env.BENCH_TICKETS || 1_000_000);
const PORT = Number(process.env.BENCH_PORT || 3931);
const DB = benchDb('hotline_bench_reports');
const say = (m) => process.stdout.write(`[bench:reports] ${m}\n`);
const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
const TEXTS = ['小区停水三天，自来水公司一直不来维修', '夜间施工噪音扰民严重', '路灯损坏，夜间出行不安全', '餐馆油烟直排，邻居无法开窗', '公交站台破损需要维修'];

// A past deadline is already recorded, as the SLA worker would have recorded it when it fell due: otherwise the API's
// sweeper would spend the measurement breaching hundreds of thousands of filled tickets.
const PAST = (h) => `created + INTERVAL ${h} HOUR <= UTC_TIMESTAMP(3)`;

async function fill(sql) {
  const texts = TEXTS.map((t) => sql.escape(t)).join(', ');
  // every ticket understood, as within a second of its registration: its words kept (ticket_words), cut by the API's
  // own segmenter, in the same transaction as the ticket, so that the API's understanding sweep never sees one without
  // them; otherwise the report (and that sweep) would cut a million texts on the spot, which no real week asks
  const { segmenter } = await import(join(ROOT, 'apps/api/dist/understanding/text/segmenter.js'));
  const words = TEXTS.map((t) => sql.escape(JSON.stringify(segmenter().terms(t)))).join(', ');
  for (let done = 0; done < TOTAL; done += 100_000) {
    const t0 = Date.now();
    await sql.beginTransaction();
    await sql.query(`
      INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, department_id, created_by, created_at, updated_at,
        sla_started_at, due_at, warn_at, warned_at, breached_at, sla_state, warning_count, breach_count, dispatch_count, reopen_count, urge_count, version)
      SELECT CONCAT('R', LPAD(n, 9, '0')), IF(n % 4 = 0, 'closed', 'dispatched'), 'normal', 'help', ELT(1 + n % 5, ${texts}), '13900000000', 0,
        1 + n % 13, 1, created, created, created, created + INTERVAL 12 HOUR, created + INTERVAL 9 HOUR,
        IF(${PAST(9)}, created + INTERVAL 9 HOUR, NULL), IF(${PAST(12)}, created + INTERVAL 12 HOUR, NULL),
        CASE WHEN ${PAST(12)} THEN 'breached' WHEN ${PAST(9)} THEN 'warning' ELSE 'on_track' END, ${PAST(9)}, ${PAST(12)}, 1, 0, 0, 1
      FROM (SELECT n, UTC_TIMESTAMP(3) - INTERVAL n % 2000 MINUTE AS created
            FROM (SELECT ${done} + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
                  FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums
            WHERE n < ${TOTAL}) x`);
    await sql.query(
      `INSERT INTO ticket_words (ticket_id, terms, understood_at)
       SELECT id, ELT(1 + CAST(SUBSTRING(no, 2) AS UNSIGNED) % 5, ${words}), created_at FROM tickets
       WHERE no >= CONCAT('R', LPAD(?, 9, '0')) AND no < CONCAT('R', LPAD(?, 9, '0'))`,
      [done, done + 100_000],
    );
    await sql.commit();
    say(`  ${Math.min(done + 100_000, TOTAL)} of ${TOTAL}, with their words (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await sql.query('ANALYZE TABLE tickets');
}

/** Probes /health/live every 10 ms until `until` settles (or for `ms`); the latencies in ms. */
async function probe(url, until) {
  const out = [];
  let done = false;
  until.finally(() => (done = true));
  while (!done) {
    const t0 = performance.now();
    await fetch(`${url}/api/v1/health/live`).then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  return summary(out);
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${DB}`;
  const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
  // BENCH_KEEP=1 measures again on the tickets an earlier run filled (when they are all there), without filling anew
  const [[kept]] = await admin.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'tickets'`, [DB]);
  const [[filled]] = Number(kept.n) ? await admin.query(`SELECT COUNT(*) AS n FROM ${DB}.tickets WHERE no LIKE 'R%'`) : [[{ n: 0 }]];
  const reuse = process.env.BENCH_KEEP === '1' && Number(filled.n) === TOTAL;
  if (!reuse) await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.end();
  const url = `http://127.0.0.1:${PORT}`;
  let api = spawnApi({ DATABASE_URL: dbUrl.toString(), PORT: String(PORT), SEED_DEMO: 'true', QUEUE_PREFIX: `{hotline-bench-reports-${DB}}`, REDIS_URL: env.REDIS_URL });
  try {
    await waitHealthy(url, 120, api);
    const sql = await mysql.createConnection({ uri: dbUrl.toString(), timezone: 'Z' });
    if (reuse) say(`measuring again on the ${TOTAL} tickets filled before (BENCH_KEEP=1; their age has grown since)`);
    else {
      say(`filling ${TOTAL} tickets of this week...`);
      await fill(sql);
    }
    await sql.end();
    const token = await login(url, 'supervisor');
    const weekly = async () => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/v1/reports/weekly`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`weekly: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, received: body.totals.received };
    };
    say('baseline: /health/live every 10 ms for 5 s with nothing else running...');
    const idle = await probe(url, new Promise((r) => setTimeout(r, 5000)));
    say('GET /reports/weekly (fresh) while probing /health/live...');
    const fresh = weekly();
    const during = await probe(url, fresh);
    const first = await fresh;
    const kept = await weekly();
    const result = {
      at: new Date().toISOString(),
      tickets: TOTAL,
      received: first.received,
      weeklyFreshMs: first.ms,
      weeklyKeptMs: kept.ms,
      liveIdle: idle,
      liveDuringReport: during,
    };
    const f = (s) => `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.n} probes)`;
    process.stdout.write(`\nWeekly report over ${first.received} tickets of this week (${TOTAL} filled):\n`);
    process.stdout.write(`  report: fresh ${Math.round(first.ms)} ms, kept ${Math.round(kept.ms)} ms\n`);
    process.stdout.write(`  /health/live while it is computed: ${f(during)}\n`);
    process.stdout.write(`  /health/live, nothing running (baseline): ${f(idle)}\n`);
    process.stdout.write(`  ${during.max <= 50 ? 'met   ' : 'MISSED'} /health/live under 50 ms while the report runs\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/reports.json'), JSON.stringify(result, null, 2));
  } finally {
    await stop(api);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e.message}\n`);
  process.exit(1);
});
