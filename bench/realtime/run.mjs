// Realtime benchmark: 500 consoles (a separate process) connected to the API over socket.io while a driver performs
// 100 ticket actions per second for 30 s (sign-for, reply, callback, each announced to the centre and the department).
// Measures the delay from the action's moment (`at`, taken before its transaction, so an upper bound of the delay
// from commit) to receipt, checks that no event is lost, and reads the API's CPU. In the same run, the baseline:
// a bare socket.io server emitting at the same rate to the same 500 clients.
// Run with `npm run bench:realtime` (builds first). Settings: BENCH_CONSOLES, BENCH_RATE, BENCH_SECONDS, and
// BENCH_INSTANCES (API processes sharing Redis through the socket.io adapter; consoles and actions spread over them).
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/settings.mjs';
import { benchDb, cpuSeconds, freshDatabase, login, sleep, spawnApi, stop, summary, waitHealthy } from '../support.mjs';

const CONSOLES = Number(process.env.BENCH_CONSOLES || 500);
const RATE = Number(process.env.BENCH_RATE || 100);
const SECONDS = Number(process.env.BENCH_SECONDS || 30);
const PORT = Number(process.env.BENCH_PORT || 3921);
const INSTANCES = Number(process.env.BENCH_INSTANCES || 1);
const PREFIX = process.env.BENCH_TAG ? `{hotline-bench-rt-${process.env.BENCH_TAG.replace(/\W/g, '')}}` : '{hotline-bench-rt}';
const DB = benchDb('hotline_bench_realtime');
const say = (m) => process.stdout.write(`[bench:realtime] ${m}\n`);
const DEPTS = ['health', 'commerce', 'market', 'housing', 'transport', 'resources', 'environment', 'education', 'hrss', 'civil', 'police', 'urban', 'utilities'];

function startClients() {
  const child = fork(join(ROOT, 'bench/realtime/clients.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise((resolve, reject) => {
      const exited = (code) => reject(new Error(`the clients process exited (${code})`));
      child.once('exit', exited);
      child.once('message', (m) => {
        child.off('exit', exited);
        if (m?.error) reject(new Error(m.error));
        else resolve(m);
      });
    });
  return { child, next, send: (m) => child.send(m) };
}

async function post(url, path, token, body) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const { env, dbUrl } = await freshDatabase(DB);
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();

  const urls = Array.from({ length: INSTANCES }, (_, k) => `http://127.0.0.1:${PORT + k}`);
  const url = urls[0];
  const apis = [];
  let clients;
  let baseline;
  try {
    for (let k = 0; k < INSTANCES; k++) {
      // the first migrates and seeds and runs the SLA worker; the others serve HTTP and sockets only
      say(`starting API instance ${k + 1} of ${INSTANCES} on ${urls[k]}${k === 0 ? ' (HTTP, gateway, SLA worker)' : ' (HTTP, gateway)'}...`);
      apis.push(
        spawnApi({
          DATABASE_URL: dbUrl.toString(),
          PORT: String(PORT + k),
          SEED_DEMO: k === 0 ? 'true' : 'false',
          SLA_ROLE: k === 0 ? 'all' : 'api',
          QUEUE_PREFIX: PREFIX,
          REDIS_URL: env.REDIS_URL,
        }),
      );
      await waitHealthy(urls[k], 60, apis[k]);
    }
    const agent = await login(url, 'agent');
    const supervisor = await login(url, 'supervisor');
    const handlers = Object.fromEntries(await Promise.all(DEPTS.map(async (d) => [d, await login(url, `h-${d}`)])));
    const deptIds = Object.fromEntries((await (await fetch(`${url}/api/v1/departments`, { headers: { authorization: `Bearer ${agent}` } })).json()).map((d) => [d.code, d.id]));

    const perTicket = 3;
    const ticketsNeeded = Math.ceil((RATE * SECONDS) / perTicket);
    say(`registering ${ticketsNeeded} dispatched tickets for the actions to work on...`);
    const tickets = [];
    for (let i = 0; i < ticketsNeeded; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, ticketsNeeded - i) }, (_, k) => {
          const dept = DEPTS[(i + k) % DEPTS.length];
          return post(url, '/api/v1/tickets', agent, {
            callerPhone: `139${String(10000000 + i + k).slice(-8)}`,
            content: `第${i + k}号：小区停水，请尽快处理。`,
            category: 'help',
            urgency: 'normal',
            departmentId: deptIds[dept],
          }).then((t) => ({ id: t.id, dept }));
        }),
      );
      tickets.push(...batch);
    }

    // 10% handlers (spread over the departments), the rest the centre's consoles
    const tokens = Array.from({ length: CONSOLES }, (_, i) => ({
      url: urls[i % INSTANCES],
      ...(i % 10 === 0 ? { token: handlers[DEPTS[(i / 10) % DEPTS.length]], dept: DEPTS[(i / 10) % DEPTS.length] } : { token: i % 2 ? supervisor : agent, dept: null }),
    }));
    say(`connecting ${CONSOLES} consoles from a separate process...`);
    clients = startClients();
    clients.send({ connect: { url, tokens } });
    await clients.next();
    await sleep(1000);

    const plan = [];
    for (let round = 0; round < perTicket; round++) {
      for (const t of tickets) plan.push({ t, action: ['accept', 'reply', 'callback'][round] });
    }
    plan.length = RATE * SECONDS;
    const perDept = Object.fromEntries(DEPTS.map((d) => [d, 0]));
    say(`driving ${RATE} actions/s for ${SECONDS} s (open loop)...`);
    clients.send('start');
    const cpu0 = apis.reduce((sum, a) => sum + cpuSeconds(a.pid), 0);
    const t0 = Date.now();
    let failures = 0;
    const inflight = [];
    const responseMs = [];
    for (let k = 0; k < plan.length; k++) {
      const wait = t0 + (k * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      const { t, action } = plan[k];
      const token = action === 'callback' ? agent : handlers[t.dept];
      const body = action === 'reply' ? { reply: '已处理完毕。' } : action === 'callback' ? { satisfaction: 'satisfied' } : {};
      perDept[t.dept]++;
      const sent = Date.now();
      inflight.push(
        post(urls[k % INSTANCES], `/api/v1/tickets/${t.id}/${action}`, token, body).then(
          () => responseMs.push(Date.now() - sent),
          (e) => {
            failures++;
            if (failures < 5) say(`action failed: ${e.message}`);
          },
        ),
      );
      if (k > 0 && k % (RATE * 5) === 0) say(`  ${Math.round((Date.now() - t0) / 1000)} s: ${k} actions sent`);
    }
    await Promise.all(inflight);
    const driveSeconds = (Date.now() - t0) / 1000;
    const apiCpu = apis.reduce((sum, a) => sum + cpuSeconds(a.pid), 0) - cpu0;
    await sleep(1500); // let the last events arrive
    clients.send('stop');
    const { report } = await clients.next();

    const staff = report.clients.filter((c) => c.dept === null);
    // every action is one event, and the centre hears them all
    const lostStaff = staff.reduce((s, c) => s + Math.max(0, plan.length - c.distinct), 0);
    const duplicates = report.clients.reduce((s, c) => s + (c.received - c.distinct), 0);
    const lostHandlers = report.clients.filter((c) => c.dept !== null).reduce((s, c) => s + Math.max(0, perDept[c.dept] - c.distinct), 0);
    const expectedTotal = staff.length * (RATE * SECONDS) + report.clients.filter((c) => c.dept !== null).reduce((s, c) => s + perDept[c.dept], 0);

    say(`baseline: a bare socket.io server emitting ${RATE} msgs/s to the same ${CONSOLES} clients for 10 s...`);
    const baseUrl = `http://127.0.0.1:${PORT + 10}`;
    baseline = fork(join(ROOT, 'bench/realtime/baseline-server.mjs'), [String(PORT + 10)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((r) => baseline.once('message', r));
    const bClients = startClients();
    bClients.send({ connect: { url: baseUrl, tokens: tokens.map((x) => ({ ...x, url: baseUrl })) } });
    await bClients.next();
    await sleep(1000);
    bClients.send('start');
    baseline.send({ emit: { rate: RATE, seconds: 10 } });
    const { done } = await new Promise((r) => baseline.on('message', (m) => m.done && r(m)));
    await sleep(1500);
    bClients.send('stop');
    const { report: base } = await bClients.next();

    const result = {
      consoles: CONSOLES,
      apiInstances: INSTANCES,
      actionsPerSecond: RATE,
      seconds: SECONDS,
      actions: plan.length,
      actionFailures: failures,
      driveSeconds: Number(driveSeconds.toFixed(1)),
      deliveries: report.deliveries,
      expectedDeliveries: expectedTotal,
      lostEvents: lostStaff + lostHandlers,
      duplicateDeliveries: duplicates,
      latencyMs: { p50: report.p50, p95: report.p95, p99: report.p99, max: report.max },
      apiCpuPercentOfOneCore: Math.round((apiCpu / driveSeconds) * 100), // summed over the instances
      clientsCpuSeconds: report.cpuSeconds,
      wallboardPushesPerConsole: Math.round(staff.reduce((s, c) => s + c.wallboards, 0) / staff.length),
      baseline: {
        what: `bare socket.io, ${RATE} msgs/s, 10 s, same clients`,
        deliveries: base.deliveries,
        expected: done.sent * CONSOLES,
        latencyMs: { p50: base.p50, p95: base.p95, p99: base.p99, max: base.max },
        serverCpuPercentOfOneCore: Math.round((done.cpuSeconds / done.wallSeconds) * 100),
      },
    };
    say(`events delivered: ${result.deliveries} of ${result.expectedDeliveries} expected; lost ${result.lostEvents}, duplicated ${duplicates}; failed actions ${failures}`);
    say(`delay from the action to receipt: p50 ${report.p50} ms, p95 ${report.p95} ms, p99 ${report.p99} ms, max ${report.max} ms (target p99 < 100 ms)`);
    const resp = summary(responseMs);
    result.actionResponseMs = { p50: resp.p50, p99: resp.p99 };
    say(`action HTTP response time: p50 ${resp.p50} ms, p99 ${resp.p99} ms (the event is published just before the response)`);
    say(
      `API CPU while driving (${INSTANCES} instance(s) together): ${result.apiCpuPercentOfOneCore}% of one core; wallboard pushes per console: ${result.wallboardPushesPerConsole} in ${SECONDS} s`,
    );
    say(
      `baseline (bare socket.io): p50 ${base.p50} ms, p99 ${base.p99} ms, max ${base.max} ms; ${base.deliveries}/${result.baseline.expected} delivered; server CPU ${result.baseline.serverCpuPercentOfOneCore}%`,
    );
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, `bench/results/realtime-${INSTANCES}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
    say(`written to bench/results/realtime-${INSTANCES}.json`);
    await stop(baseline);
  } finally {
    if (clients) clients.child.kill();
    await stop(baseline);
    for (const a of apis) await stop(a);
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:realtime] failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
