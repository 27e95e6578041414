// SLA benchmark: 100,000 open tickets with armed timers, of which ~20,000 are registered through the API
// over 60 s with 60-second deadlines (so their breaches come due spread over a minute), the other 80,000
// inserted directly with deadlines hours away and their timers armed in Redis. Reports breach lateness
// (breachedAt - dueAt) p50/p99/max, missed and doubled breaches, the Redis memory the timers take, and intake
// tickets/s with the timers armed against intake on an empty database, measured in the same run.
// Run: `npm run bench:sla` (builds first). BENCH_REDIS_HZ=100 sets Redis hz for the run (restored after).
import autocannon from 'autocannon';
import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { benchDb, pct, sleep } from '../support.mjs';

const PORT = Number(process.env.BENCH_PORT || 3911);
const SPH = 5; // one SLA hour = 5 s, so a 普通 ticket (12 h) is due 60 s after intake
const PACED = Number(process.env.BENCH_PACED || 20000);
const PACED_SECONDS = 60;
const BACKGROUND = Number(process.env.BENCH_BACKGROUND || 80000);
const PREFIX = process.env.BENCH_TAG ? `{hotline-bench-${process.env.BENCH_TAG.replace(/\W/g, '')}}` : '{hotline-bench}';
// BENCH_PACED_DIRECT=1: the paced tickets are inserted and armed directly (as the API would), so that the breach rate
// does not depend on how fast this machine registers; the intake figures are then the empty and loaded runs only.
const DIRECT = process.env.BENCH_PACED_DIRECT === '1';
const say = (m) => process.stdout.write(`[bench:sla] ${m}\n`);
const { slaJobId } = await import(join(ROOT, 'apps/api/dist/sla/sla-kinds.js'));

function body(i) {
  return JSON.stringify({
    callerPhone: `13${String(100000000 + i).slice(-9)}`,
    content: `第${i}号来电：小区供水管道破裂，楼道积水严重，请尽快派人维修。`.repeat(3),
    urgency: 'normal',
    category: 'help',
  });
}

function cannon(opts) {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

// Tickets inserted directly are marked understood (an empty ticket_words row), as the registrations they stand for
// would have been within a second: otherwise the worker's understanding sweep would cut 100,000 backlogged texts
// during the measurement, a load no real minute of the centre has.
async function markUnderstood(db, firstId, n) {
  const at = new Date();
  await db.query('INSERT IGNORE INTO ticket_words (ticket_id, terms, understood_at) VALUES ?', [Array.from({ length: n }, (_, k) => [firstId + k, '[]', at])]);
}

async function intake(token, seconds, label) {
  let n = 0;
  await cannon({
    url: `http://127.0.0.1:${PORT}/api/v1/tickets`,
    connections: 50,
    duration: 3,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(2e6 + n++) }) }],
  }); // warm-up
  say(`${label}: max-rate intake for ${seconds} s at 50 connections...`);
  const r = await cannon({
    url: `http://127.0.0.1:${PORT}/api/v1/tickets`,
    connections: 50,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(1e6 + n++) }) }],
  });
  return { ticketsPerSecond: r['2xx'] / seconds, p99: r.latency.p99, non2xx: r.non2xx };
}

const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

async function startApi(url, prefix, hz) {
  const admin = await mysql.createConnection({ uri: new URL('/', url).toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
  await admin.end();
  const role = WORKERS > 0 ? 'api' : 'all';
  say(`starting the API on ${url.pathname.slice(1)} (SLA_SECONDS_PER_HOUR=${SPH}, SLA_ROLE=${role}, ${WORKERS} separate worker process(es), Redis hz ${hz})...`);
  const base = {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: String(PORT),
    SEED_DEMO: 'true',
    JWT_SECRET: 'bench-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    SLA_SECONDS_PER_HOUR: String(SPH),
    QUEUE_PREFIX: prefix,
  };
  // BENCH_WORKER_NODE_ARGS go to the separate worker processes' node only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
  const workerArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const run = (extra, nodeArgs = []) =>
    spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps/api/dist/main.js')], { cwd: ROOT, env: { ...base, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  const api = run({ SLA_ROLE: role });
  const procs = [api];
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) break;
    } catch {}
    await sleep(250);
  }
  for (let k = 0; k < WORKERS; k++) procs.push(run({ SLA_ROLE: 'worker', SEED_DEMO: 'false' }, workerArgs));
  await sleep(3000);
  const { accessToken } = await (
    await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: 'demo12345' }),
    })
  ).json();
  const stop = () =>
    Promise.all(
      procs.map(
        (p) =>
          new Promise((r) => {
            p.once('exit', r);
            p.kill('SIGTERM');
          }),
      ),
    );
  return { api, token: accessToken, stop };
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${benchDb('hotline_bench_sla')}`;
  const redis = new Redis(env.REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 5000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  const hzBefore = (await redis.config('GET', 'hz'))[1];
  if (process.env.BENCH_REDIS_HZ) await redis.config('SET', 'hz', process.env.BENCH_REDIS_HZ);
  const hz = (await redis.config('GET', 'hz'))[1];

  // The foundation figure first, on a database and queue of its own, so that its tickets' deadlines stay out of the measurement.
  const emptyDb = new URL(dbUrl);
  emptyDb.pathname = `/${benchDb('hotline_bench_sla_empty')}`;
  const first = await startApi(emptyDb, `${PREFIX.slice(0, -1)}-empty}`, hz);
  let empty;
  try {
    empty = await intake(first.token, 10, 'intake on an empty database');
  } finally {
    await first.stop();
  }
  const { token: accessToken, stop } = await startApi(dbUrl, PREFIX, hz);
  try {
    say(`inserting ${BACKGROUND} background tickets due in 10 h and arming their timers...`);
    const db = await mysql.createPool({ uri: dbUrl.toString(), connectionLimit: 8, timezone: 'Z' });
    const memBefore = Number((await redis.info('memory')).match(/used_memory:(\d+)/)[1]);
    const [[agent]] = await db.query("SELECT id FROM users WHERE username = 'agent'");
    const now = Date.now();
    const due = new Date(now + 10 * 3600e3);
    const warn = new Date(now + 7.5 * 3600e3);
    const { Queue } = await import('bullmq');
    const queue = new Queue('sla', { connection: redis, prefix: PREFIX });
    for (let i = 0; i < BACKGROUND; i += 2000) {
      const n = Math.min(2000, BACKGROUND - i);
      const rows = Array.from({ length: n }, (_, k) => [
        `BG-${i + k}`,
        'registered',
        'normal',
        'help',
        '背景工单',
        '13900000000',
        0,
        agent.id,
        new Date(now),
        new Date(now),
        new Date(now),
        due,
        warn,
        1,
        'on_track',
        0,
        0,
        0,
        1,
      ]);
      const [res] = await db.query(
        `INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, created_by, created_at, updated_at, sla_started_at, due_at, warn_at,
          deadline_version, sla_state, dispatch_count, reopen_count, urge_count, version) VALUES ?`,
        [rows],
      );
      await markUnderstood(db, res.insertId, n);
      const jobs = [];
      for (let id = res.insertId; id < res.insertId + n; id++) {
        for (const [kind, at] of [
          ['warn', warn],
          ['breach', due],
        ]) {
          const data = { ticketId: id, kind, version: 1 };
          jobs.push({ name: kind, data, opts: { jobId: slaJobId(data), delay: at.getTime() - Date.now(), removeOnComplete: true } });
        }
      }
      await queue.addBulk(jobs);
      if ((i / 2000) % 10 === 0) say(`  ${i + n} / ${BACKGROUND}`);
    }
    const memAfter = Number((await redis.info('memory')).match(/used_memory:(\d+)/)[1]);
    const armed = await queue.getDelayedCount();

    let paced;
    if (DIRECT) {
      say(`inserting ${PACED} tickets directly, due over ${PACED_SECONDS} s starting in 20 s, their timers armed...`);
      const start = Date.now() + 20_000;
      for (let i = 0; i < PACED; i += 2000) {
        const n = Math.min(2000, PACED - i);
        const dues = Array.from({ length: n }, (_, k) => new Date(start + ((i + k) / PACED) * PACED_SECONDS * 1000));
        const rows = dues.map((d, k) => [
          `PACE-${i + k}`,
          'registered',
          'normal',
          'help',
          '定速工单',
          '13900000001',
          0,
          agent.id,
          new Date(),
          new Date(),
          new Date(),
          d,
          new Date(d.getTime() - 15_000),
          1,
          'on_track',
          0,
          0,
          0,
          1,
        ]);
        const [res] = await db.query(
          `INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, created_by, created_at, updated_at, sla_started_at, due_at, warn_at,
            deadline_version, sla_state, dispatch_count, reopen_count, urge_count, version) VALUES ?`,
          [rows],
        );
        await markUnderstood(db, res.insertId, n);
        const jobs = [];
        dues.forEach((d, k) => {
          for (const [kind, at] of [
            ['warn', new Date(d.getTime() - 15_000)],
            ['breach', d],
          ]) {
            const data = { ticketId: res.insertId + k, kind, version: 1 };
            jobs.push({ name: kind, data, opts: { jobId: slaJobId(data), delay: Math.max(0, at.getTime() - Date.now()), removeOnComplete: true } });
          }
        });
        await queue.addBulk(jobs);
      }
      paced = { '2xx': PACED, latency: { p99: null } };
    } else {
      say(`registering ${PACED} tickets through the API over ${PACED_SECONDS} s (their deadlines follow 60 s later)...`);
      let n = 0;
      paced = await cannon({
        url: `http://127.0.0.1:${PORT}/api/v1/tickets`,
        connections: 20,
        overallRate: Math.round(PACED / PACED_SECONDS),
        amount: PACED,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        requests: [{ setupRequest: (req) => ({ ...req, body: body(n++) }) }],
      });
    }
    const [[{ lastDue }]] = await db.query("SELECT MAX(due_at) AS lastDue FROM tickets WHERE no NOT LIKE 'BG-%'");
    say(`waiting for the last deadline (${new Date(lastDue).toISOString()}) and 3 s more...`);
    await sleep(new Date(lastDue).getTime() - Date.now() + 3000);

    const [rows] = await db.query(
      `SELECT TIMESTAMPDIFF(MICROSECOND, due_at, breached_at) / 1000 AS late, sla_state FROM tickets WHERE no NOT LIKE 'BG-%' AND status = 'registered'`,
    );
    const [[dup]] = await db.query("SELECT COUNT(*) AS n FROM (SELECT ticket_id FROM ticket_events WHERE action = 'sla_breached' GROUP BY ticket_id HAVING COUNT(*) > 1) d");
    // 督办: a breach opens one breach order per ticket (issue 14; the old escalations table is no longer written)
    const [[esc]] = await db.query("SELECT COUNT(*) AS n, COUNT(DISTINCT ticket_id) AS t FROM supervisions WHERE kind = 'breach'");
    const [[bySweep]] = await db.query('SELECT COUNT(*) AS n FROM ticket_events WHERE action = \'sla_breached\' AND data LIKE \'%"source":"sweep"%\'');
    const withTimers = await intake(accessToken, 10, `intake with ${armed} background timers armed (after the measurement)`);
    const late = rows
      .filter((r) => r.late !== null)
      .map((r) => Number(r.late))
      .sort((a, b) => a - b);
    const missed = rows.filter((r) => r.sla_state !== 'breached').length;
    const result = {
      at: new Date().toISOString(),
      redisHz: hz,
      workers: WORKERS,
      deadlines: rows.length,
      backgroundTimers: armed,
      lateness: { p50: pct(late, 50), p99: pct(late, 99), max: late.at(-1) },
      missed,
      doubled: Number(dup.n),
      escalations: Number(esc.n),
      recordedBySweep: Number(bySweep.n),
      redisBytesPerTimer: Math.round((memAfter - memBefore) / (2 * BACKGROUND)),
      redisTimersMiB: (memAfter - memBefore) / 2 ** 20,
      intake: { emptyDb: empty, withTimers, paced: { requested: PACED, created: paced['2xx'], p99: paced.latency.p99 } },
    };
    await queue.close();
    await db.end();
    const f = (x) => (typeof x === 'number' ? (Math.abs(x) < 10 ? x.toFixed(1) : Math.round(x)) : x);
    process.stdout.write(`\nSLA timers, ${rows.length} deadlines over ~60 s among ${armed} armed background timers (Redis hz ${hz}; API + ${WORKERS} worker process(es)):\n`);
    process.stdout.write(`  breach lateness (breachedAt - dueAt) ms: p50 ${f(result.lateness.p50)}, p99 ${f(result.lateness.p99)}, max ${f(result.lateness.max)}\n`);
    process.stdout.write(`  missed ${missed}, doubled ${result.doubled}, breach orders ${result.escalations}, recorded by the sweeper ${result.recordedBySweep}\n`);
    process.stdout.write(`  Redis memory for ${2 * BACKGROUND} delayed timers: ${result.redisTimersMiB.toFixed(1)} MiB (${result.redisBytesPerTimer} bytes each)\n`);
    process.stdout.write(
      `  intake tickets/s: empty database ${f(empty.ticketsPerSecond)} (p99 ${empty.p99} ms); with ${armed} timers armed ${f(withTimers.ticketsPerSecond)} (p99 ${withTimers.p99} ms)\n`,
    );
    const targets = [
      ['breach p99 < 250 ms', result.lateness.p99 < 250],
      ['breach max < 1 s', result.lateness.max < 1000],
      ['zero missed', missed === 0],
      ['zero doubled', result.doubled === 0],
    ];
    for (const [name, ok] of targets) process.stdout.write(`  ${ok ? 'met   ' : 'MISSED'} ${name}\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/sla.json'), JSON.stringify(result, null, 2));
  } finally {
    await stop();
    if (process.env.BENCH_REDIS_HZ) await redis.config('SET', 'hz', hzBefore);
    redis.disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e.message}\n`);
  process.exit(1);
});
