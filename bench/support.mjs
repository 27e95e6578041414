// Helpers shared by the benchmarks: start the built API as a child process, wait for it, read its CPU, percentiles.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ensureServices } from '../scripts/services.mjs';
import { ROOT, settings } from '../scripts/settings.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile of an ascending array. */
export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1] };
}

/** Waits for the API at `url`; with `child`, fails as soon as that process exits (a port in use, a bad setting). */
export async function waitHealthy(url, seconds = 60, child = undefined) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the API process for ${url} exited during start-up`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) {
        // another process answering on the port would pass the check: make sure ours is still alive
        await sleep(200);
        if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the API process for ${url} exited during start-up`);
        return;
      }
    } catch {}
    await sleep(250);
  }
  throw new Error(`the API at ${url} did not become healthy within ${seconds} s`);
}

/**
 * The built API (apps/api/dist) with these settings; its stdout is discarded, its errors shown.
 * BENCH_API_NODE_ARGS go to the API's node only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it).
 */
export function spawnApi(env) {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

export async function login(url, username, password = 'demo12345') {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).accessToken;
}

/**
 * A benchmark's scratch database name: BENCH_TAG set (say `s19`), it becomes `<base>_s19`, so that benchmarks of
 * several checkouts sharing one MariaDB do not drop each other's databases. Set QUEUE_PREFIX too for their Redis.
 */
export const benchDb = (base) => (process.env.BENCH_TAG ? `${base}_${process.env.BENCH_TAG.replace(/\W/g, '')}` : base);

/** A fixed-seed random number generator (mulberry32): the evaluations' folds are the same on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts MySQL and Redis when they are down (as npm start does) and drops the bench's database `db`: a run starts empty. */
export async function freshDatabase(db) {
  const env = settings();
  await ensureServices(env);
  const dbUrl = new URL(env.DATABASE_URL);
  dbUrl.pathname = `/${db}`;
  const admin = await mysql.createConnection({ uri: new URL('/', dbUrl).toString() });
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.end();
  return { env, dbUrl };
}
