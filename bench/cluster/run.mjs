// Cluster benchmark: the production topology (proxy -> API instances, one SLA worker) under a mixed load —
// 70% reads (ticket list, one ticket, wallboard), 20% actions (urge, reclassify), 10% intake — with 500 live
// consoles connected through the proxy. One API instance versus two, measured in the same run, each at the same
// offered rate (open loop) and flat out (closed loop, 32 clients). Run with `npm run bench:cluster`.
import { spawn } from 'node:child_process';
import mysql from 'mysql2/promise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from '../../scripts/services.mjs';
import { ROOT, settings } from '../../scripts/settings.mjs';
import { cpuSeconds, login, sleep, stop, summary, waitHealthy } from '../support.mjs';

const RATE = Number(process.env.BENCH_RATE || 150);
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const SOCKETS = Number(process.env.BENCH_SOCKETS || 500);
const BASE = Number(process.env.BENCH_PORT || 4500);
const DB = 'hotline_bench_cluster';
const say = (m) => process.stdout.write(`[bench:cluster] ${m}\n`);
const round = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(Number(v).toFixed(1))]));

function proc(script, env, args = []) {
  return spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function topology(instances, common) {
  const apis = [];
  for (let i = 0; i < instances; i++) {
    const p = proc('apps/api/dist/main.js', { ...common, SLA_ROLE: 'api', PORT: String(BASE + 1 + i), SEED_DEMO: i === 0 ? 'true' : 'false' });
    apis.push(p);
    await waitHealthy(`http://127.0.0.1:${BASE + 1 + i}`, 90, p);
  }
  const worker = proc('apps/api/dist/main.js', { ...common, SLA_ROLE: 'worker' });
  const proxy = proc('scripts/proxy.mjs', {}, ['--port', String(BASE), '--upstreams', apis.map((_, i) => `127.0.0.1:${BASE + 1 + i}`).join(',')]);
  await waitHealthy(`http://127.0.0.1:${BASE}`, 20);
  return { apis, worker, proxy, all: [...apis, worker, proxy] };
}

async function mixedLoad(url, agent, ids, { rate, concurrency, seconds }) {
  const lat = { read: [], action: [], intake: [] };
  let ok = 0;
  let errors = 0;
  let n = 0;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${agent}` };
  const one = async () => {
    const i = n++;
    const r = i % 10;
    const kind = r < 7 ? 'read' : r < 9 ? 'action' : 'intake';
    const id = ids[i % ids.length];
    let req;
    if (kind === 'read') req = r < 3 ? [`/api/v1/tickets?page=${1 + (i % 5)}&pageSize=20`, 'GET'] : r < 6 ? [`/api/v1/tickets/${id}`, 'GET'] : ['/api/v1/wallboard', 'GET'];
    else if (kind === 'action')
      req = r === 7 ? [`/api/v1/tickets/${id}/urge`, 'POST', { note: '请尽快办理' }] : [`/api/v1/tickets/${id}/reclassify`, 'POST', { category: i % 2 ? 'help' : 'complaint' }];
    else
      req = [
        '/api/v1/tickets',
        'POST',
        { callerPhone: `138${String(10000000 + i).slice(-8)}`, content: `集群压测第${i}次来电：小区路灯坏了`, category: 'help', urgency: 'normal', address: `压测楼${i}号` },
      ];
    const t0 = process.hrtime.bigint();
    try {
      const res = await fetch(`${url}${req[0]}`, { method: req[1], headers, body: req[2] ? JSON.stringify(req[2]) : undefined });
      await res.arrayBuffer();
      if (res.status < 300) ok++;
      else errors++;
    } catch {
      errors++;
    }
    lat[kind].push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  const started = Date.now();
  if (rate) {
    const pending = [];
    let sent = 0;
    while (Date.now() - started < seconds * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * rate);
      for (; sent < due; sent++) pending.push(one());
      await sleep(5);
    }
    await Promise.all(pending);
  } else {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() - started < seconds * 1000) await one();
      }),
    );
  }
  const elapsed = (Date.now() - started) / 1000;
  const all = [...lat.read, ...lat.action, ...lat.intake];
  return {
    throughput: Number((ok / elapsed).toFixed(1)),
    errors,
    all: round(summary(all)),
    read: round(summary(lat.read)),
    action: round(summary(lat.action)),
    intake: round(summary(lat.intake)),
  };
}

async function main() {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${DB}`;
  const results = {};
  for (const instances of [1, 2]) {
    const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
    const common = {
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: env.REDIS_URL,
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      QUEUE_PREFIX: `{hotline-bench-cluster-${instances}}`,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      LOGIN_RATE_PER_MINUTE: '100000',
    };
    say(`--- ${instances} API instance(s) behind the proxy, one SLA worker ---`);
    const t = await topology(instances, common);
    let sockets;
    try {
      const url = `http://127.0.0.1:${BASE}`;
      const agent = await login(url, 'agent');
      const supervisor = await login(url, 'supervisor');
      say(`registering 300 tickets to act on...`);
      const ids = [];
      for (let i = 0; i < 300; i++) {
        const res = await fetch(`${url}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
          body: JSON.stringify({
            callerPhone: `137${String(10000000 + i).slice(-8)}`,
            content: `待办第${i}件：路灯坏了`,
            urgency: 'normal',
            departmentId: 1 + (i % 13),
            address: `基准楼${i}号`,
          }),
        });
        ids.push((await res.json()).id);
      }
      say(`connecting ${SOCKETS} consoles through the proxy...`);
      sockets = spawn(process.execPath, [join(ROOT, 'bench/cluster/sockets.mjs'), url, supervisor, String(SOCKETS)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let last = { connected: 0, events: 0 };
      sockets.stdout.on('data', (b) => {
        const line = b.toString().trim().split('\n').pop();
        try {
          last = JSON.parse(line);
        } catch {}
      });
      for (let i = 0; i < 60 && last.connected < SOCKETS; i++) await sleep(500);
      say(`${last.connected} consoles connected`);
      const cpu0 = t.apis.map((p) => cpuSeconds(p.pid));
      const openLoop = await mixedLoad(url, agent, ids, { rate: RATE, seconds: SECONDS });
      const cpu1 = t.apis.map((p) => cpuSeconds(p.pid));
      say(
        `open loop at ${RATE} req/s: ${openLoop.throughput} ok/s, p50 ${openLoop.all.p50} ms, p99 ${openLoop.all.p99} ms (reads p99 ${openLoop.read.p99}, actions p99 ${openLoop.action.p99}, intake p99 ${openLoop.intake.p99}), errors ${openLoop.errors}; API CPU ${cpu1.map((c, i) => `${Math.round(((c - cpu0[i]) / SECONDS) * 100)}%`).join(' + ')}`,
      );
      const closed = await mixedLoad(url, agent, ids, { concurrency: 32, seconds: SECONDS });
      say(`closed loop, 32 clients: ${closed.throughput} ok/s, p50 ${closed.all.p50} ms, p99 ${closed.all.p99} ms, errors ${closed.errors}`);
      const eventsBefore = last.events;
      await sleep(1500);
      results[instances] = { openLoop, closedLoop: closed, consoles: last.connected, eventsHeard: last.events, eventsHeardAfterLoad: last.events - eventsBefore };
    } finally {
      if (sockets) await stop(sockets);
      for (const p of t.all) await stop(p);
    }
  }
  say('--- summary ---');
  for (const k of Object.keys(results)) {
    const r = results[k];
    say(
      `${k} instance(s): open loop ${RATE}/s -> p99 ${r.openLoop.all.p99} ms; flat out ${r.closedLoop.throughput} req/s, p99 ${r.closedLoop.all.p99} ms; ${r.consoles} consoles heard ${r.eventsHeard} events`,
    );
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/cluster.json'),
    `${JSON.stringify({ at: new Date().toISOString(), rate: RATE, seconds: SECONDS, sockets: SOCKETS, results }, null, 2)}\n`,
  );
  say('written to bench/results/cluster.json');
}

main().catch((e) => {
  process.stderr.write(`[bench:cluster] failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
