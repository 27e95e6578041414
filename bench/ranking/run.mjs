// Ranking and bulletin benchmark: 1,000,000 tickets registered in one month (last month), each dispatched once (a
// dispatch line in the trail), 80 % closed after a callback (a callback line), 3 % returned. Then, with a probe of
// GET /api/v1/health/live every 20 ms running all along (event-loop responsiveness of the instance), measured:
// GET /rankings for that month computed (cold: MySQL counts each KPI cohort of the month and of the one before per
// department, live/kpis/kpi-aggregates.ts), the same again (cached per period), the quarter holding it (cold as well), and
// POST /bulletins for the month. Then the SQL of the month and the one before timed by the old path (callbacks joined
// to their tickets) and by today's (ticket_callbacks, and 积案清零率 counted). In the same run, the baseline: the way it was done before (until issue 15's
// follow-up), the month's KPI rows, callbacks and trail counts read through mysql2 into this process and the
// libs/domain formulas run over them, which must give the same figures and order as the API answered.
// Run with `npm run bench:ranking` (builds first). The filled database is kept for re-runs; BENCH_REFILL=1 refills.
import mysql from 'mysql2/promise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { login, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const require = createRequire(import.meta.url);
const { DEFAULT_BACKLOG_RULES, backlogTally, computeKpisByDepartment, previousPeriod, rankDepartments, rankingKpis } = require('@hotline/domain');
const { readDispatchesAndReturns, readKpiCallbacks, readKpiTickets } = require('../../apps/api/dist/live/kpis/kpi-queries.js');
const { aggregateDepartmentCounts } = require('../../apps/api/dist/live/kpis/kpi-aggregates.js');

// The callback count before migration 1765300000000: each callback line of the period joined to its ticket for the
// department holding it now, cut into two halves of the period run side by side. Timed beside today's statements.
const OLD_CALLBACKS = `SELECT t.department_id AS d, COUNT(*) AS callbacks, SUM(CASE WHEN e.to_status = 'closed' THEN 1 ELSE 0 END) AS satisfied
  FROM ticket_events e FORCE INDEX (ix_ticket_events_action_at) JOIN tickets t FORCE INDEX (uq_tickets_id_department) ON t.id = e.ticket_id
  WHERE t.department_id IN (?) AND e.action = 'callback' AND e.at >= ? AND e.at < ? GROUP BY t.department_id`;

const TOTAL = 1_000_000;
const PORT = Number(process.env.BENCH_PORT || 3941);
const DB = 'hotline_bench_ranking';
const say = (m) => process.stdout.write(`[bench:ranking] ${m}\n`);
const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
const SHANGHAI = 8 * 3600_000;

/** Last month in Asia/Shanghai: [from, to) as UTC instants, and a day inside it as YYYY-MM-DD. */
function lastMonth() {
  const local = new Date(Date.now() + SHANGHAI);
  const from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1) - SHANGHAI;
  const to = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI;
  return { from: new Date(from), to: new Date(to), date: new Date(from + SHANGHAI + 14 * 86400_000).toISOString().slice(0, 10) };
}

/**
 * One INSERT ... SELECT per 100,000 tickets in time order (random order makes every secondary index insert a random
 * page write: 30x slower with the default buffer pool), then their trail lines; plain SQL both MySQL 8 and MariaDB accept.
 */
async function fill(sql, month) {
  await sql.query('DELETE FROM ticket_events WHERE ticket_id > 7');
  await sql.query('DELETE FROM tickets WHERE id > 7');
  const seconds = Math.floor((month.to - month.from) / 1000) - 86400;
  for (let chunk = 0; chunk < TOTAL / 100_000; chunk++) {
    const t0 = Date.now();
    await sql.query(
      `
      INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, department_id, created_by, created_at, updated_at,
        sla_started_at, due_at, warn_at, sla_state, dispatched_at, accept_due_at, dispatch_count, accepted_at, replied_at, closed_at, satisfaction)
      SELECT CONCAT('R', LPAD(n, 9, '0')), IF(closed, 'closed', 'replied'), 'normal', 'help', '小区停水，请尽快处理。', '13900000000', 0, 1 + n % 13, 1,
        created, created + INTERVAL 6 HOUR, created, created + INTERVAL 12 HOUR, created + INTERVAL 9 HOUR, 'on_track', created + INTERVAL 5 MINUTE,
        created + INTERVAL 20 MINUTE, 1, created + INTERVAL IF(n % 7 = 0, 30, 10) MINUTE, created + INTERVAL IF(n % 11 = 0, 13, 4) HOUR,
        IF(closed, created + INTERVAL 6 HOUR, NULL), IF(closed, 'satisfied', NULL)
      FROM (
        SELECT n, n % 5 <> 0 AS closed, ? + INTERVAL n * ? DIV ${TOTAL} SECOND AS created
        FROM (SELECT ${chunk * 100_000} + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
              FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums
      ) x`,
      [month.from, seconds],
    );
    say(`  filled ${(chunk + 1) * 100_000} of ${TOTAL} (${((Date.now() - t0) / 1000).toFixed(1)} s for this 100,000)`);
  }
  say('  trail lines: a dispatch per ticket, a callback per closed one, a return per 33rd...');
  await sql.query(`INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data)
    SELECT id, 'dispatch', 'registered', 'dispatched', 1, 'agent', dispatched_at, CONCAT('{"departmentId":', department_id, '}') FROM tickets WHERE id > 7`);
  await sql.query(`INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data)
    SELECT id, 'callback', 'replied', 'closed', 1, 'agent', closed_at, '{}' FROM tickets WHERE id > 7 AND closed_at IS NOT NULL`);
  await sql.query(`INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data)
    SELECT id, 'return', 'dispatched', 'returned', 1, 'handler', dispatched_at + INTERVAL 1 MINUTE, CONCAT('{"departmentId":', department_id, '}') FROM tickets WHERE id > 7 AND id % 33 = 0`);
  await sql.query('ANALYZE TABLE tickets, ticket_events');
}

/** Probes /health/live every 20 ms until stopped; answers the latencies seen. */
function probe(url) {
  const seen = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const t0 = process.hrtime.bigint();
      await fetch(`${url}/api/v1/health/live`).then((r) => r.arrayBuffer());
      seen.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    on = false;
    await loop;
    return seen;
  };
}

const round = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v.toFixed(1))]));

async function timedWithProbe(url, what, fn) {
  const stopProbe = probe(url);
  await new Promise((r) => setTimeout(r, 200));
  const t0 = process.hrtime.bigint();
  const out = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const live = round(summary(await stopProbe()));
  say(`${what}: ${ms.toFixed(0)} ms; /health/live meanwhile p50 ${live.p50} ms, p99 ${live.p99} ms, max ${live.max} ms`);
  return { ms: Math.round(ms), live, out };
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const month = lastMonth();
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${DB}`;
  if (process.env.BENCH_REFILL === '1') {
    const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
  }
  const url = `http://127.0.0.1:${PORT}`;
  say(`starting the API on ${url} (SLA_ROLE=api)...`);
  const apiEnv = { DATABASE_URL: dbUrl.toString(), PORT: String(PORT), SEED_DEMO: 'true', SLA_ROLE: 'api', QUEUE_PREFIX: '{hotline-bench-rk}', REDIS_URL: env.REDIS_URL };
  let api = spawnApi(apiEnv);
  try {
    const started = Date.now();
    // the first start applies pending migrations (on the kept 1,000,000 tickets: index builds)
    await waitHealthy(url, 600, api);
    say(`API up in ${((Date.now() - started) / 1000).toFixed(1)} s (pending migrations included)`);
    const db = await mysql.createConnection({ uri: dbUrl.toString(), timezone: 'Z' });
    const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM tickets WHERE created_at >= ? AND created_at < ?', [month.from, month.to]);
    if (Number(n) < TOTAL) {
      say(`filling ${TOTAL.toLocaleString()} tickets into ${month.date.slice(0, 7)}; kept for re-runs...`);
      await fill(db, month);
    } else {
      say(`reusing the ${Number(n).toLocaleString()} tickets of ${month.date.slice(0, 7)} (BENCH_REFILL=1 to refill)`);
    }
    // bulletins are append-only (one per period): the bench's own database gets the table afresh, by its migration
    await db.query('DROP TABLE IF EXISTS bulletins, bulletin_sequences');
    await db.query("DELETE FROM migrations WHERE name = 'Bulletins1764700000200'");
    // a fresh instance: the one that created the database has looked at these months (its wallboard) before the fill
    await stop(api);
    api = spawnApi(apiEnv);
    await waitHealthy(url, 300, api);
    const token = await login(url, 'supervisor');
    const call = async (method, path, body) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const idle = round(
      summary(
        await (async () => {
          const s = probe(url);
          await new Promise((r) => setTimeout(r, 2000));
          return s();
        })(),
      ),
    );
    say(`idle /health/live: p50 ${idle.p50} ms, p99 ${idle.p99} ms, max ${idle.max} ms`);
    const cold = await timedWithProbe(url, 'ranking, computed (the month and the one before)', () => call('GET', `/rankings?period=month&date=${month.date}`));
    say(`  first: ${cold.out.items[0].name} ${cold.out.items[0].score}分, ${cold.out.items[0].kpis.received} received`);
    const warm = await timedWithProbe(url, 'ranking again (cached per period)', () => call('GET', `/rankings?period=month&date=${month.date}`));
    const quarter = await timedWithProbe(url, 'ranking of the quarter holding the month, computed (and the quarter before)', () =>
      call('GET', `/rankings?period=quarter&date=${month.date}`),
    );
    const bulletin = await timedWithProbe(url, 'bulletin issued (ranking cached, cases by SQL)', () => call('POST', '/bulletins', { period: 'month', date: month.date }));

    say('baseline: the month read into this process as before (KPI rows, callbacks, trail counts) and the libs/domain formulas run over it...');
    const run = async (q, params) => (await db.query(q, params))[0];
    const p = { from: new Date(cold.out.from), to: new Date(cold.out.to) };
    const now = new Date();
    const t0 = process.hrtime.bigint();
    const tickets = await readKpiTickets(run, p, now);
    const readMs = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
    const [callbacks, moves, backlogRows] = await Promise.all([
      readKpiCallbacks(run, p),
      readDispatchesAndReturns(run, p),
      // the 积案 candidates as GET /backlog/progress reads them
      run(
        `SELECT department_id, created_at, closed_at, backlog_since FROM tickets
          WHERE (created_at < ? OR backlog_since < ?) AND (closed_at IS NULL OR closed_at >= ?) AND department_id IS NOT NULL`,
        [new Date(p.to.getTime() - DEFAULT_BACKLOG_RULES.days * 86400_000), p.to, p.from],
      ),
    ]);
    const ids = cold.out.items.map((i) => i.departmentId).sort((a, b) => a - b);
    const byDept = computeKpisByDepartment(tickets, callbacks, p, now, ids);
    const backlog = (id) =>
      backlogTally(
        backlogRows.filter((r) => Number(r.department_id) === id).map((r) => ({ createdAt: r.created_at, closedAt: r.closed_at, backlogSince: r.backlog_since })),
        p,
        now,
        DEFAULT_BACKLOG_RULES,
      );
    const js = rankDepartments(
      ids.map((id) => ({ departmentId: id, kpis: rankingKpis(byDept.get(id), moves.get(id) ?? { dispatches: 0, returns: 0 }, backlog(id)) })),
      cold.out.weights,
    );
    const baseline = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
    const same = isDeepStrictEqual(
      js.map((e) => [e.departmentId, e.rank, e.score, e.kpis]),
      cold.out.items.map((i) => [i.departmentId, i.rank, i.score, i.kpis]),
    );
    say(
      `baseline: ${tickets.length.toLocaleString()} ticket rows in ${readMs} ms, with ${callbacks.length.toLocaleString()} callbacks and the formulas ${baseline} ms (the month alone, not the one before)`,
    );
    say(`the API's figures and order equal the formulas over the rows: ${same ? 'yes' : 'NO'}`);
    say(`ranking computed: ${cold.ms} ms against ${baseline} ms before (${(baseline / cold.ms).toFixed(0)}x)`);

    // The old path beside the new, in this run: the figures of the month and the month before by the statements of
    // kpi-aggregates.ts, four at a time (as the API runs them), once as they are and once with the callbacks counted
    // by the old join (and without 积案清零率, which the old path did not count). Each twice, the second timed.
    const pool = mysql.createPool({ uri: dbUrl.toString(), timezone: 'Z', connectionLimit: 4 });
    const poolRun = async (q, params) => (await pool.query(q, params))[0];
    const oldRun = async (q, params) => {
      if (q.includes('ix_tickets_department_backlog')) return [];
      if (!q.includes('FROM ticket_callbacks')) return poolRun(q, params);
      const [dept, from, to] = params;
      const mid = new Date(Math.floor((from.getTime() + to.getTime()) / 2));
      const halves = await Promise.all([poolRun(OLD_CALLBACKS, [dept, from, mid]), poolRun(OLD_CALLBACKS, [dept, mid, to])]);
      return halves.flat();
    };
    const before = previousPeriod('month', p);
    const twoMonths = async (runner) => {
      const t1 = process.hrtime.bigint();
      const [cur] = await Promise.all([
        aggregateDepartmentCounts(runner, p, now, ids, DEFAULT_BACKLOG_RULES.days),
        aggregateDepartmentCounts(runner, before, now, ids, DEFAULT_BACKLOG_RULES.days),
      ]);
      return { ms: Math.round(Number(process.hrtime.bigint() - t1) / 1e6), cur };
    };
    const timeCallbacks = async (runner) => {
      const t1 = process.hrtime.bigint();
      await runner(
        'SELECT department_id AS d, COUNT(*) AS callbacks, SUM(satisfied) AS satisfied FROM ticket_callbacks FORCE INDEX (ix_ticket_callbacks_department_at) WHERE department_id IN (?) AND at >= ? AND at < ? GROUP BY department_id',
        [ids, p.from, p.to],
      );
      return Math.round(Number(process.hrtime.bigint() - t1) / 1e6);
    };
    await twoMonths(oldRun);
    const oldPath = await twoMonths(oldRun);
    await twoMonths(poolRun);
    const newPath = await twoMonths(poolRun);
    await timeCallbacks(oldRun);
    const oldCallbacksMs = await timeCallbacks(oldRun);
    const newCallbacksMs = await timeCallbacks(poolRun);
    const sameCallbacks = ids.every((id) => {
      const a = oldPath.cur.get(id).counts;
      const b = newPath.cur.get(id).counts;
      return a.callbacks === b.callbacks && a.satisfied === b.satisfied;
    });
    await pool.end();
    say(`old path (callbacks by the join, no 积案清零率), the month and the one before: ${oldPath.ms} ms; today's statements: ${newPath.ms} ms`);
    say(`  the month's callbacks alone: join ${oldCallbacksMs} ms, ticket_callbacks ${newCallbacksMs} ms; same counts: ${sameCallbacks ? 'yes' : 'NO'}`);
    await db.end();
    const result = {
      tickets: TOTAL,
      month: month.date.slice(0, 7),
      idleLiveMs: idle,
      rankingCold: { ms: cold.ms, live: cold.live },
      rankingCached: { ms: warm.ms, live: warm.live },
      quarterCold: { ms: quarter.ms, live: quarter.live },
      bulletin: bulletin && { ms: bulletin.ms, live: bulletin.live },
      baselineReadMs: readMs,
      baselineMs: baseline,
      sameFigures: same,
      sqlTwoMonthsOldPathMs: oldPath.ms,
      sqlTwoMonthsNewPathMs: newPath.ms,
      callbacksJoinMs: oldCallbacksMs,
      callbacksTableMs: newCallbacksMs,
      sameCallbacks,
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/ranking.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
    say('written to bench/results/ranking.json');
  } finally {
    await stop(api);
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:ranking] failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
