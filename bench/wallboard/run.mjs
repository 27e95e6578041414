// Wallboard benchmark: 1,000,000 tickets in the table, 100,000 of them open (and ~2,700 registered per day over a
// year), then GET /api/v1/wallboard measured two ways: requests spaced so that each computes the snapshot, and
// 50 connections for 10 s while tickets keep arriving (the served path: the snapshot computed at most once per
// second and shared by every request and screen). In the same run, the baseline: the open-tickets aggregate alone, straight through mysql2.
// Run with `npm run bench:wallboard` (builds first). The filled database is kept for re-runs; BENCH_REFILL=1 refills.
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { login, sleep, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const TOTAL = 1_000_000;
const OPEN_EVERY = 10; // every 10th ticket is open: 100,000
const PORT = Number(process.env.BENCH_PORT || 3931);
const DB = 'hotline_bench_wallboard';
const say = (m) => process.stdout.write(`[bench:wallboard] ${m}\n`);

const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';

/** One INSERT ... SELECT per 100,000 tickets; plain SQL both MySQL 8 and MariaDB accept. */
async function fill(sql) {
  await sql.query('DELETE FROM ticket_events WHERE ticket_id > 7');
  await sql.query('DELETE FROM tickets WHERE id > 7');
  const open = "ELT(1 + (n DIV 10) % 5, 'registered', 'dispatched', 'accepted', 'returned', 'replied')";
  for (let chunk = 0; chunk < TOTAL / 100_000; chunk++) {
    const t0 = Date.now();
    await sql.query(`
      INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, department_id, created_by, created_at, updated_at,
        sla_started_at, due_at, warn_at, warned_at, sla_state, breached_at, dispatched_at, accept_due_at, dispatch_count, accepted_at, replied_at,
        closed_at, satisfaction)
      SELECT CONCAT('B', LPAD(n, 9, '0')), IF(open, ${open}, 'closed'), urgency, 'help', '小区停水，请尽快处理。', '13900000000', 0,
        IF(open AND ${open} IN ('registered', 'returned'), NULL, 1 + n % 13), 1, created, IF(open, created, created + INTERVAL 5 HOUR),
        created, due, warn, IF(warn < now, warn, NULL), IF(open, IF(due < now, 'breached', IF(warn < now, 'warning', 'on_track')), 'on_track'),
        IF(open AND due < now, due, NULL), created, created + INTERVAL 15 MINUTE, 1,
        IF(open AND ${open} IN ('registered', 'dispatched', 'returned'), NULL, created + INTERVAL 10 MINUTE),
        IF(open AND ${open} <> 'replied', NULL, created + INTERVAL 4 HOUR), IF(open, NULL, created + INTERVAL 5 HOUR), IF(open, NULL, 'satisfied')
      FROM (
        SELECT n, open, urgency, now, created, created + INTERVAL hours HOUR AS due, created + INTERVAL hours * 45 MINUTE AS warn
        FROM (
          SELECT n, n % ${OPEN_EVERY} = 0 AS open, ELT(1 + n % 5, 'normal', 'normal', 'normal', 'urgent', 'extra_urgent') AS urgency,
            ELT(1 + n % 5, 12, 12, 12, 4, 2) AS hours, UTC_TIMESTAMP(3) AS now,
            UTC_TIMESTAMP(3) - INTERVAL IF(n % ${OPEN_EVERY} = 0, n % 4320, n % 525600) MINUTE AS created
          FROM (SELECT ${chunk * 100_000} + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
                FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) nums
        ) base
      ) x`);
    say(`  filled ${(chunk + 1) * 100_000} of ${TOTAL} (${((Date.now() - t0) / 1000).toFixed(1)} s for this 100,000)`);
  }
  // today's callbacks, so the satisfaction figure has something to read
  await sql.query(`INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data)
    SELECT id, 'callback', 'replied', 'closed', 1, 'agent', closed_at, '{}' FROM tickets WHERE closed_at >= UTC_TIMESTAMP() - INTERVAL 1 DAY`);
  await sql.query('ANALYZE TABLE tickets, ticket_events');
}

async function timed(fn, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summary(out);
}
const round = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v.toFixed(1))]));

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${DB}`;
  const refill = process.env.BENCH_REFILL === '1';
  if (refill) {
    const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
  }
  const url = `http://127.0.0.1:${PORT}`;
  say(`starting the API on ${url} (SLA_ROLE=api: this measures reads, no timers run)...`);
  const api = spawnApi({ DATABASE_URL: dbUrl.toString(), PORT: String(PORT), SEED_DEMO: 'true', SLA_ROLE: 'api', QUEUE_PREFIX: '{hotline-bench-wb}', REDIS_URL: env.REDIS_URL });
  const sql = await mysql.createConnection({ uri: dbUrl.toString().replace(`/${DB}`, '/'), timezone: 'Z' }).catch(() => null);
  let feeder;
  try {
    await waitHealthy(url, 120, api);
    if (sql) await sql.end();
    const db = await mysql.createConnection({ uri: dbUrl.toString(), timezone: 'Z' });
    const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM tickets');
    if (Number(n) < TOTAL) {
      say(`filling ${TOTAL.toLocaleString()} tickets (${(TOTAL / OPEN_EVERY).toLocaleString()} open); kept for re-runs...`);
      await fill(db);
    } else {
      say(`reusing the ${Number(n).toLocaleString()} tickets already there (BENCH_REFILL=1 to refill)`);
    }
    const [[counts]] = await db.query("SELECT COUNT(*) AS total, SUM(status <> 'closed') AS open, SUM(created_at >= UTC_TIMESTAMP() - INTERVAL 1 DAY) AS lastDay FROM tickets");
    say(`table: ${Number(counts.total).toLocaleString()} tickets, ${Number(counts.open).toLocaleString()} open, ${Number(counts.lastDay).toLocaleString()} in the last 24 h`);

    const token = await login(url, 'supervisor');
    const agent = await login(url, 'agent');
    const get = async () => {
      const res = await fetch(`${url}/api/v1/wallboard`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`wallboard: ${res.status}`);
      return res.json();
    };
    const snap = await get();
    say(`snapshot: open ${snap.totals.open}, breached ${snap.totals.breached}, received today ${snap.totals.receivedToday}, ${snap.byDepartment.length} departments`);

    say('computing: 40 GETs 1.6 s apart, so that each finds the shared snapshot stale and computes one (today’s figures every 5 s, counts every time)...');
    await timed(get, 5);
    const computed = [];
    for (let i = 0; i < 40; i++) {
      await sleep(1600);
      const t0 = process.hrtime.bigint();
      await get();
      computed.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const compute = round(summary(computed));
    say(`computed on request: p50 ${compute.p50} ms, p95 ${compute.p95} ms, p99 ${compute.p99} ms, max ${compute.max} ms (the max includes today’s figures)`);

    const servedRuns = {};
    for (const connections of [10, 50]) {
      say(`served path: ${connections} connections for 10 s while a ticket arrives every 200 ms (snapshot recomputed once per second, shared)...`);
      let fed = 0;
      feeder = setInterval(() => {
        fed++;
        fetch(`${url}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
          body: JSON.stringify({ callerPhone: '13900000001', content: '路灯坏了，请尽快维修。', category: 'help' }),
        }).catch(() => undefined);
      }, 200);
      const served = await new Promise((resolve, reject) =>
        autocannon({ url: `${url}/api/v1/wallboard`, connections, duration: 10, headers: { authorization: `Bearer ${token}` } }, (e, r) => (e ? reject(e) : resolve(r))),
      );
      clearInterval(feeder);
      say(
        `served at ${connections} connections: ${Math.round(served.requests.average)} req/s, p50 ${served.latency.p50} ms, p99 ${served.latency.p99} ms, non-2xx ${served.non2xx}, errors ${served.errors}; ${fed} tickets arrived meanwhile`,
      );
      servedRuns[connections] = {
        requestsPerSecond: Math.round(served.requests.average),
        p50: served.latency.p50,
        p99: served.latency.p99,
        non2xx: served.non2xx,
        errors: served.errors,
      };
    }

    say('baseline: the open-tickets aggregate alone over the covering index (grouped in index order), straight through mysql2 (100 runs)...');
    const base = round(
      await timed(
        () =>
          db.query(
            "SELECT status, department_id, urgency, sla_state, COUNT(*) AS n FROM tickets WHERE status IN ('registered','dispatched','accepted','returned','replied') GROUP BY status, department_id, urgency, sla_state",
          ),
        100,
      ),
    );
    say(`baseline aggregate: p50 ${base.p50} ms, p99 ${base.p99} ms`);
    await db.end();

    const result = {
      tickets: Number(counts.total),
      open: Number(counts.open),
      lastDay: Number(counts.lastDay),
      computedOnRequestMs: compute,
      servedByConnections: servedRuns,
      baselineAggregateMs: base,
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/wallboard.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
    say('written to bench/results/wallboard.json');
  } finally {
    clearInterval(feeder);
    await stop(api);
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:wallboard] failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
