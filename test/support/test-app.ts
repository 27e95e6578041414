import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreateTicketRequest, TicketDto } from '@hotline/contracts';
import Redis from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadEnv, type EnvDto } from '../../apps/api/src/platform/config/env.dto';
import { client, type Request } from './http';

export const DEMO_PASSWORD = 'demo12345';

/**
 * What names this jest worker's database and Redis prefix: the worker id, behind TEST_RUN_TAG when set, so that two
 * test runs on one machine (two work trees) never share a database.
 */
export const workerTag = (): string => `${process.env.TEST_RUN_TAG ? `${process.env.TEST_RUN_TAG}_` : ''}${process.env.JEST_WORKER_ID ?? '1'}`;

export interface TestApp {
  app: NestFastifyApplication;
  env: EnvDto;
  url: string;
  req: Request;
  /** A direct connection to the test database, for asserting what was (not) written. */
  sql: Connection;
  token(username: string): Promise<string>;
  /** Department id by code. */
  dept(code: string): number;
  /** Registers a ticket; answers the ticket as GET /tickets/:id shows it. */
  newTicket(overrides?: Partial<CreateTicketRequest>, as?: string): Promise<TicketDto>;
  /** Registers a ticket; answers all registration says (the ticket plus classification, possibleDuplicates, hotspotId). */
  register(overrides?: Partial<CreateTicketRequest>, as?: string): Promise<any>;
  close(): Promise<void>;
}

/**
 * The real API on a fresh database of its own (one per jest worker), on a random port,
 * with the demo users seeded. Extra settings override the environment.
 */
export async function startTestApp(settings: Record<string, string> = {}): Promise<TestApp> {
  const base = new URL(process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/hotline');
  const dbName = `hotline_test_${workerTag()}`;
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username || 'root'),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
  base.pathname = `/${dbName}`;
  const queuePrefix = `{hotline-test-${workerTag()}}`;
  await clearRedisPrefix(process.env.REDIS_URL || 'redis://127.0.0.1:6379', queuePrefix);
  const env = loadEnv({
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    DATABASE_URL: base.toString(),
    QUEUE_PREFIX: queuePrefix,
    SLA_SWEEP_SECONDS: '1',
    ...settings,
  });
  // the starter data for the classifier and the demo knowledge base: small fixtures, the same on every machine
  process.env.SHARED_DATA_DIR ??= `${__dirname}/../fixtures/shared-data`;
  const app = await createApp(env);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const req = client(url);
  const sql = await createConnection({ uri: env.DATABASE_URL, timezone: 'Z', dateStrings: false });
  // the sign-in itself is shared, not only its result: callers asking at the same moment (a suite firing 200 actions
  // at once) wait for one login instead of racing many into the per-address rate limit
  const tokens = new Map<string, Promise<string>>();
  const [deps] = await sql.query<any[]>('SELECT id, code FROM departments');
  const byCode = new Map(deps.map((d) => [d.code as string, d.id as number]));

  const t: TestApp = {
    app,
    env,
    url,
    req,
    sql,
    token(username) {
      let token = tokens.get(username);
      if (!token) {
        token = req('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } }).then((res) => {
          if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body.accessToken as string;
        });
        tokens.set(username, token);
        // a failed sign-in is not remembered: the next caller tries again
        token.catch(() => tokens.delete(username));
      }
      return token;
    },
    dept(code) {
      const id = byCode.get(code);
      if (!id) throw new Error(`no department ${code}`);
      return id;
    },
    async register(overrides = {}, as = 'agent') {
      const res = await req('POST', '/api/v1/tickets', { token: await t.token(as), body: newTicketBody(overrides) });
      if (res.status !== 201) throw new Error(`newTicket failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async newTicket(overrides = {}, as = 'agent') {
      const { classification: _c, possibleDuplicates: _d, hotspotId: _h, ...ticket } = await t.register(overrides, as);
      return ticket;
    },
    async close() {
      await sql.end();
      await app.close();
    },
  };
  return t;
}

/** Removes every key of one queue prefix, so that no timer of an earlier run fires into this one. */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

let seq = 0;
/** A realistic intake body; every call differs a little. */
export function newTicketBody(overrides: Partial<CreateTicketRequest> = {}): CreateTicketRequest {
  seq += 1;
  return {
    callerPhone: `139${String(10000000 + seq).slice(-8)}`,
    callerName: '刘先生',
    content: `第${seq}次来电：小区门口路灯已经坏了两周，晚上出行很不安全，希望尽快维修。`,
    category: 'help',
    address: `示例楼${seq}号`, // a place of its own per ticket: no repeat-call or hotspot matches unless a test sets them up
    ...overrides,
  };
}

/** Takes a ticket through the given actions, failing loudly on any refusal. */
export async function drive(t: TestApp, id: number, steps: Array<[action: string, as: string, body?: object]>): Promise<TicketDto> {
  let last: TicketDto | undefined;
  for (const [action, as, body] of steps) {
    const res = await t.req('POST', `/api/v1/tickets/${id}/${action}`, { token: await t.token(as), body: body ?? {} });
    if (res.status !== 200) throw new Error(`${action} by ${as} failed: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body;
  }
  return last!;
}

/** A process spawnApi started; `url` is where it serves HTTP (empty for an SLA worker, which serves none). */
export type ApiProcess = import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, null> & { url: string };

/**
 * The built API (npm test builds it first) as a separate process with these settings; resolves once it is up. Unless
 * `extra` names a PORT, the system chooses a free one (PORT=0) and `url` says which: a port picked by the test could be
 * taken by another suite's connection before the process binds it.
 */
export async function spawnApi(env: EnvDto, extra: Record<string, string>): Promise<ApiProcess> {
  const { spawn } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const main = join(__dirname, '../../apps/api/dist/main.js');
  if (!existsSync(main)) throw new Error('apps/api/dist/main.js is missing: run the tests with npm test, which builds it');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])), LOG_LEVEL: 'warn', LOG_FORMAT: 'json', PORT: '0', ...extra },
    stdio: ['ignore', 'pipe', 'inherit'],
  }) as ApiProcess;
  child.url = '';
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(out)?.[1];
      if (port) child.url = `http://127.0.0.1:${port}`;
      if (port || /hotline SLA worker running/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the API process exited with ${code}: ${out.slice(-500)}`)));
  });
  return child;
}

/**
 * Stops a process spawnApi started and waits until it has exited: a worker still sweeping while the next suite of this
 * jest worker drops and recreates the same database deadlocks that suite's migrations. SIGKILL by default: the tests
 * that use it are not about the graceful shutdown (hardening's is), which may take its full 10 s on a busy machine.
 */
export async function stopApi(child: import('node:child_process').ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** `npm run cti:simulate` for one fast call from `caller`, against a running service; resolves with its output. */
export function simulateCall(url: string, secret: string, caller: string): Promise<string> {
  // asynchronously: the service under test runs in this very process and must keep answering
  return new Promise((resolve, reject) => {
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const { join } = require('node:path') as typeof import('node:path');
    const child = spawn(process.execPath, [join(__dirname, '../../scripts/cti-simulate.mjs'), '--url', url, '--calls', '1', '--fast', '--callers', caller], {
      env: { ...process.env, CTI_SECRET: secret },
    });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.stderr.on('data', (b: Buffer) => (text += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`cti:simulate exited with ${code}: ${text}`))));
  });
}
