// Intake benchmark: POST /api/v1/tickets at 50 connections for 20 s with realistic Chinese bodies,
// then, in the same run, the baseline: the same ticket + audit insert transaction issued directly with mysql2
// at the same concurrency. Run with `npm run bench:intake` (builds first). Settings: BENCH_SECONDS, BENCH_CONNECTIONS.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { benchDb, pct, waitHealthy } from '../support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const WARMUP_SECONDS = 3;
const PORT = Number(process.env.BENCH_PORT || 3901);
const say = (m) => process.stdout.write(`[bench:intake] ${m}\n`);

const PHRASES = [
  '小区从昨天晚上开始停水，至今没有任何通知，',
  '楼下餐馆油烟直排，整栋楼都是油烟味，',
  '路口红绿灯坏了三天，早晚高峰非常拥堵，',
  '单位拖欠工资已经两个月，多次协商无果，',
  '学校门口有流动摊贩售卖三无食品，担心孩子健康，',
  '工地夜间施工噪音很大，严重影响休息，',
  '公交站台的雨棚破损漏雨，',
  '小区电梯经常停运，老人上下楼很困难，',
  '河道里有大量垃圾和死鱼，气味难闻，',
  '物业私自提高停车费，业主意见很大，',
  '医保报销材料提交后一直没有结果，',
  '人行道上的井盖缺失，晚上很危险，',
];
function content(i) {
  let s = `来电人反映：`;
  for (let k = 0; s.length < 200; k++) s += PHRASES[(i * 7 + k * 3) % PHRASES.length];
  return `${s.slice(0, 196)}请尽快处理。`;
}
const URG = ['normal', 'normal', 'normal', 'urgent', 'extra_urgent'];
const CAT = ['consultation', 'help', 'complaint', 'report', 'suggestion'];
const BODIES = Array.from({ length: 1000 }, (_, i) =>
  JSON.stringify({
    callerPhone: `13${String(100000000 + i * 7919).slice(-9)}`,
    callerName: '市民',
    content: content(i),
    category: CAT[i % CAT.length],
    urgency: URG[i % URG.length],
    address: `幸福路${i % 300}号`,
    ...(i % 3 === 0 ? { departmentId: (i % 13) + 1 } : {}),
  }),
);

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

// BENCH_API_NODE_ARGS go to the API's node only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), as in bench/support.mjs
function startApi(dbUrl, port) {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      SEED_DEMO: 'true',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * Load on `instances` API processes sharing the database, the connections split evenly between them. `typed`: first
 * every body is classified through POST /classify on each process, as the console does while the agent types, so that
 * registration finds the suggestions already made (the designed flow); without it each new text is classified inside
 * its registration.
 */
async function benchApi(dbUrl, instances, typed = false) {
  const ports = Array.from({ length: instances }, (_, k) => PORT + k);
  say(`starting ${instances} API process(es) on port(s) ${ports.join(', ')} (LOG_LEVEL=info, logs discarded)...`);
  const procs = [];
  try {
    for (const port of ports) {
      procs.push(startApi(dbUrl, port));
      await waitHealthy(`http://127.0.0.1:${port}`, 60); // one at a time: the first migrates and seeds
    }
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: 'demo12345' }),
    });
    const { accessToken } = await login.json();
    if (typed) {
      say(`classifying the ${BODIES.length} bodies as the agents type them (POST /classify on each process)...`);
      for (const port of ports) {
        let k = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            while (k < BODIES.length) {
              const b = JSON.parse(BODIES[k++]);
              await fetch(`http://127.0.0.1:${port}/api/v1/classify`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
                body: JSON.stringify({ content: b.content, category: b.category, address: b.address }),
              });
            }
          }),
        );
      }
    }
    let n = 0;
    const opts = (port, duration) => ({
      url: `http://127.0.0.1:${port}/api/v1/tickets`,
      connections: CONNECTIONS / instances,
      duration,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: BODIES[n++ % BODIES.length] }) }],
    });
    say(`warm-up ${WARMUP_SECONDS} s...`);
    await Promise.all(ports.map((p) => runAutocannon(opts(p, WARMUP_SECONDS))));
    say(`measuring ${SECONDS} s at ${CONNECTIONS} connections...`);
    const rs = await Promise.all(ports.map((p) => runAutocannon(opts(p, SECONDS))));
    const created = rs.reduce((a, r) => a + r['2xx'], 0);
    const w = (f) => rs.reduce((a, r) => a + f(r) * r.requests.total, 0) / rs.reduce((a, r) => a + r.requests.total, 0);
    return {
      instances,
      ticketsPerSecond: created / SECONDS,
      requests: rs.reduce((a, r) => a + r.requests.total, 0),
      created,
      non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
      errors: rs.reduce((a, r) => a + r.errors + r.timeouts, 0),
      // with two processes, the request-weighted mean of their percentiles (close to, not exactly, the joint percentile)
      p50: w((r) => r.latency.p50),
      p99: instances === 1 ? rs[0].latency.p99 : w((r) => r.latency.p99),
      max: Math.max(...rs.map((r) => r.latency.max)),
    };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)))));
  }
}

/**
 * The baseline: the same ticket + audit insert transaction, issued directly with mysql2 (no HTTP, no framework,
 * no validation, no auth). Ticket numbers come from an in-memory counter, as the API's come from its reserved block.
 */
async function benchBaseline(dbUrl) {
  const pool = mysql.createPool({ uri: dbUrl, connectionLimit: CONNECTIONS, timezone: 'Z' });
  const [[agent]] = await pool.query("SELECT id FROM users WHERE username = 'agent'");
  let i = 0;
  const latencies = [];
  let done = 0;
  const oneTx = async () => {
    const n = i++;
    const body = JSON.parse(BODIES[n % BODIES.length]);
    const now = new Date();
    const t0 = performance.now();
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      const due = new Date(now.getTime() + 12 * 3600 * 1000);
      const [res] = await conn.query(
        `INSERT INTO tickets (no, status, urgency, category, content, caller_name, caller_phone, address, confidential, department_id, created_by,
          created_at, updated_at, sla_started_at, due_at, warn_at, deadline_version, sla_state, dispatch_count, reopen_count, urge_count, version)
         VALUES (?, 'registered', ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?, ?, 1, 'on_track', 0, 0, 0, 1)`,
        [
          `B-${process.pid}-${n}`,
          body.urgency,
          body.category,
          body.content,
          body.callerName,
          body.callerPhone,
          body.address,
          agent.id,
          now,
          now,
          now,
          due,
          new Date(now.getTime() + 9 * 3600 * 1000),
        ],
      );
      await conn.query(
        "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'create', NULL, 'registered', ?, 'agent', ?, ?)",
        [res.insertId, agent.id, now, JSON.stringify({ urgency: body.urgency, urgencySource: 'chosen', category: body.category })],
      );
      await conn.commit();
    } finally {
      conn.release();
    }
    latencies.push(performance.now() - t0);
    done++;
  };
  const run = async (seconds) => {
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) await oneTx();
      }),
    );
  };
  say(`baseline warm-up ${WARMUP_SECONDS} s...`);
  await run(WARMUP_SECONDS);
  latencies.length = 0;
  done = 0;
  say(`baseline: measuring ${SECONDS} s of direct mysql2 transactions at ${CONNECTIONS} concurrent...`);
  await run(SECONDS);
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { txPerSecond: done / SECONDS, transactions: done, p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies.at(-1) };
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  const DB = benchDb('hotline_bench');
  dbUrl.pathname = `/${DB}`;
  const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString().replace(/\/$/, '/') });
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.end();
  const apiRes = await benchApi(dbUrl.toString(), 1);
  const api2 = await benchApi(dbUrl.toString(), 2);
  const typed = await benchApi(dbUrl.toString(), 1, true);
  const base = await benchBaseline(dbUrl.toString());
  const ratio = apiRes.ticketsPerSecond / base.txPerSecond;
  const f = (x) => (typeof x === 'number' ? x.toFixed(x < 10 ? 2 : 0) : x);
  const rows = [
    ['', 'tickets/s', 'p50 ms', 'p99 ms', 'max ms', 'count', 'non-2xx/errors'],
    ['API POST /api/v1/tickets, 1 process', f(apiRes.ticketsPerSecond), f(apiRes.p50), f(apiRes.p99), f(apiRes.max), apiRes.created, `${apiRes.non2xx}/${apiRes.errors}`],
    ['same, 2 API processes (extra)', f(api2.ticketsPerSecond), f(api2.p50), f(api2.p99), f(api2.max), api2.created, `${api2.non2xx}/${api2.errors}`],
    ['1 process, texts classified while typed', f(typed.ticketsPerSecond), f(typed.p50), f(typed.p99), f(typed.max), typed.created, `${typed.non2xx}/${typed.errors}`],
    ['baseline: mysql2 direct tx', f(base.txPerSecond), f(base.p50), f(base.p99), f(base.max), base.transactions, '-'],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  process.stdout.write(`\nIntake at ${CONNECTIONS} concurrent for ${SECONDS} s on ${cpus().length} cores (${new Date().toISOString()}):\n`);
  for (const r of rows) process.stdout.write(`  ${r.map((v, c) => String(v).padEnd(widths[c])).join('  ')}\n`);
  const targets = [
    [`>= 1,000 tickets/s (1 process)`, apiRes.ticketsPerSecond >= 1000],
    [`p99 < 100 ms`, apiRes.p99 < 100],
    [`>= 50% of baseline (${(ratio * 100).toFixed(0)}%; classified while typed ${((typed.ticketsPerSecond / base.txPerSecond) * 100).toFixed(0)}%)`, ratio >= 0.5],
    [`p99 <= 150 ms at ${CONNECTIONS} connections, classified while typed (${f(typed.p99)} ms)`, typed.p99 <= 150],
    [`2 processes >= 1 (${f(api2.ticketsPerSecond)} vs ${f(apiRes.ticketsPerSecond)})`, api2.ticketsPerSecond >= apiRes.ticketsPerSecond],
    ['no failed requests', apiRes.non2xx === 0 && apiRes.errors === 0],
  ];
  for (const [name, ok] of targets) process.stdout.write(`  ${ok ? 'met   ' : 'MISSED'} ${name}\n`);
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'intake.json'),
    JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, api: apiRes, api2, typed, baseline: base, ratio }, null, 2),
  );
  say(`results written to bench/results/intake.json`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e.message}\n`);
  process.exit(1);
});
