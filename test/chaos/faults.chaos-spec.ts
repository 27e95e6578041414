// Fault tests (npm run test:chaos): the cluster on a private MariaDB and Redis, with processes and servers killed
// under load. Each scenario has its own database and ports.
import { createConnection, type Connection } from 'mysql2/promise';
import { io, type Socket } from 'socket.io-client';
import { Cluster, PrivateMariaDb, PrivateRedis, kill, login, sleep, waitHealthy } from './harness';

const mysql = new PrivateMariaDb(Number(process.env.CHAOS_MYSQL_PORT ?? 3391));
const redis = new PrivateRedis(Number(process.env.CHAOS_REDIS_PORT ?? 6391));
const clusters: Cluster[] = [];
const say = (m: string) => process.stdout.write(`[chaos] ${m}\n`);

beforeAll(async () => {
  await Promise.all([mysql.start(), redis.start()]);
}, 120_000);
afterAll(async () => {
  for (const c of clusters) await c.stop().catch(() => undefined);
  await Promise.all([mysql.stop().catch(() => undefined), redis.kill().catch(() => undefined)]);
}, 60_000);

async function cluster(database: string, basePort: number, env: Record<string, string> = {}): Promise<{ c: Cluster; sql: Connection }> {
  const admin = await createConnection({ host: '127.0.0.1', port: mysql.port, user: 'root' });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
  const c = new Cluster({ mysql, redis, database, basePort, env });
  clusters.push(c);
  await c.start();
  const sql = await createConnection({ uri: mysql.url(database), timezone: 'Z' });
  return { c, sql };
}

const body = (tag: string, i: number, extra: object = {}) =>
  JSON.stringify({
    callerPhone: `139${String(10000000 + i).slice(-8)}`,
    content: `${tag} 第${i}次来电：小区路灯坏了，请尽快维修`,
    category: 'help',
    urgency: 'normal',
    address: `${tag}-楼${i}`,
    ...extra,
  });

interface LoadResult {
  statuses: Record<string, number>;
  done: Map<string, number>;
  sent: number;
}

/**
 * An open-loop intake load: `perSecond` new calls per second, each with its own Idempotency-Key, retried with the
 * same key on a network error or a 5xx (as a client that timed out would) until it gets 201.
 */
async function intakeLoad(url: string, token: string, tag: string, perSecond: number, seconds: number, during?: (elapsed: number) => void): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  const done = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const one = async (i: number) => {
    const key = `${tag}-${i}`;
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        const res = await fetch(`${url}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
          body: body(tag, i),
          signal: AbortSignal.timeout(5000),
        });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const json = (await res.json()) as { id: number };
        if (res.status === 201) {
          done.set(key, json.id);
          return;
        }
      } catch {
        statuses.network = (statuses.network ?? 0) + 1;
      }
      await sleep(Math.min(100 * 2 ** attempt, 1000));
    }
  };
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    for (; i < due; i++) pending.push(one(i));
    during?.(Date.now() - started);
    await sleep(10);
  }
  await Promise.all(pending);
  return { statuses, done, sent: i };
}

describe('an API instance killed under load', () => {
  it('loses no accepted call, makes no call twice, and its live clients carry on through the other instance', async () => {
    const { c, sql } = await cluster('chaos_api_kill', 4100);
    const token = await login(c.url, 'agent');
    const clients: Socket[] = Array.from({ length: 10 }, () =>
      io(c.url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500, forceNew: true }),
    );
    await Promise.all(clients.map((s) => new Promise<void>((r) => s.once('connect', () => r()))));
    let killed = false;
    const load = await intakeLoad(c.url, token, 'kill-api', 150, 8, (ms) => {
      if (!killed && ms > 2500) {
        killed = true;
        say('SIGKILL api-1 under load');
        void kill(c.apis[0]);
      }
    });
    say(`sent ${load.sent} calls; responses ${JSON.stringify(load.statuses)}`);
    expect(killed).toBe(true);
    // every call was registered in the end, each exactly once
    expect(load.done.size).toBe(load.sent);
    const [[{ n }]] = (await sql.query("SELECT COUNT(*) AS n FROM tickets WHERE content LIKE 'kill-api %'")) as any;
    expect(Number(n)).toBe(load.sent);
    const [dups] = (await sql.query("SELECT content, COUNT(*) AS k FROM tickets WHERE content LIKE 'kill-api %' GROUP BY content HAVING k > 1")) as any;
    expect(dups).toEqual([]);
    const ids = [...load.done.values()];
    expect(new Set(ids).size).toBe(ids.length);
    const [[{ m }]] = (await sql.query(`SELECT COUNT(*) AS m FROM tickets WHERE id IN (${ids.join(',')})`)) as any;
    expect(Number(m)).toBe(ids.length);
    // every live client is connected again (those of api-1 reconnected through the proxy) and hears new events
    for (let i = 0; i < 100 && clients.some((s) => !s.connected); i++) await sleep(100);
    expect(clients.filter((s) => s.connected).length).toBe(10);
    const heard = clients.map((s) => new Promise<number>((resolve) => s.on('ticket.created', (p: { ticketId: number }) => resolve(p.ticketId))));
    const after = await fetch(`${c.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body('after', 1),
    });
    expect(((await after.json()) as { id: number }).id).toEqual(expect.any(Number));
    const got = await Promise.race([Promise.all(heard), sleep(5000).then(() => null)]);
    expect(got).not.toBeNull();
    for (const s of clients) s.close();
    await sql.end();
  }, 120_000);
});

describe('the SLA worker killed while 1,000 timers are armed', () => {
  it('records every breach exactly once after it is back, late by no more than the downtime plus one sweep', async () => {
    // one SLA hour = 6 s: a 特急 ticket is due 12 s after registration
    const { c, sql } = await cluster('chaos_worker_kill', 4200, { SLA_SECONDS_PER_HOUR: '6' });
    const token = await login(c.url, 'agent');
    const started = Date.now();
    let next = 0;
    const ids: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < 1000) {
          const i = next++;
          const res = await fetch(`${c.url}/api/v1/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: body('timers', i, { urgency: 'extra_urgent' }),
          });
          if (res.status !== 201) throw new Error(`intake ${res.status}`);
          ids.push(((await res.json()) as { id: number }).id);
        }
      }),
    );
    say(`1,000 特急 tickets registered in ${Date.now() - started} ms`);
    const [[armed]] = (await sql.query(`SELECT MIN(due_at) AS first, MAX(due_at) AS last FROM tickets WHERE id IN (${ids.join(',')})`)) as any;
    await kill(c.worker);
    const killedAt = Date.now();
    say(`SIGKILL worker; deadlines from ${new Date(armed.first).toISOString()} to ${new Date(armed.last).toISOString()}`);
    await sleep(10_000);
    await c.startWorker();
    const restartedAt = Date.now();
    say(`worker restarted after ${restartedAt - killedAt} ms`);
    let breached = 0;
    for (let i = 0; i < 60 && breached < 1000; i++) {
      await sleep(500);
      const [[row]] = (await sql.query(`SELECT COUNT(*) AS n FROM ticket_events WHERE action = 'sla_breached' AND ticket_id IN (${ids.join(',')})`)) as any;
      breached = Number(row.n);
    }
    expect(breached).toBe(1000);
    const [perTicket] = (await sql.query(
      `SELECT t.id, t.due_at, MIN(e.at) AS at, COUNT(*) AS k FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.action = 'sla_breached' WHERE t.id IN (${ids.join(',')}) GROUP BY t.id, t.due_at`,
    )) as any;
    expect(perTicket.filter((r: any) => Number(r.k) !== 1)).toEqual([]);
    // lateness: a deadline during the downtime is recorded by the next worker at once (its due timer or first sweep)
    const SWEEP_MS = 1000;
    const late = perTicket
      .map((r: any) => ({ id: r.id, late: new Date(r.at).getTime() - Math.max(new Date(r.due_at).getTime(), restartedAt) }))
      .filter((x: { late: number }) => x.late > SWEEP_MS + 2000);
    expect(late).toEqual([]);
    await sql.end();
  }, 180_000);
});

describe('Redis lost and restarted empty under load', () => {
  it('answers 503 for what needs Redis while it is gone, recovers by itself, and rebuilds the timers', async () => {
    // one SLA hour = 2 s: 特急 due 4 s after registration
    const { c, sql } = await cluster('chaos_redis_loss', 4300, { SLA_SECONDS_PER_HOUR: '2' });
    const token = await login(c.url, 'agent');
    const get = async (path: string) => {
      try {
        const r = await fetch(`${c.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
        return r.status;
      } catch {
        return 0;
      }
    };
    const during: number[] = [];
    const state: { phase: 'before' | 'down' | 'after' } = { phase: 'before' };
    const reads = (async () => {
      while (state.phase !== 'after') {
        const s = await Promise.all([get('/api/v1/events?since=0'), get('/api/v1/tickets?pageSize=5')]);
        if (state.phase === 'down') during.push(...s);
        await sleep(50);
      }
    })();
    let redisDown = false;
    let redisBack = false;
    const load = intakeLoad(c.url, token, 'redis-loss', 20, 12, (ms) => {
      if (!redisDown && ms > 2000) {
        redisDown = true;
        state.phase = 'down';
        say('SIGKILL Redis (everything in it is lost)');
        void redis.kill();
      }
      if (redisDown && !redisBack && ms > 7000) {
        redisBack = true;
        state.phase = 'after';
        say('Redis restarted, empty');
        void redis.start();
      }
    });
    const result = await load;
    state.phase = 'after';
    await reads;
    say(`intake responses ${JSON.stringify(result.statuses)}; reads while down: ${JSON.stringify(countBy(during))}`);
    // never a 500: what needs Redis says 503, what does not keeps working
    expect(Object.keys(result.statuses).filter((s) => s.startsWith('5') && s !== '503')).toEqual([]);
    expect(during.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(during).toContain(503);
    expect(result.done.size).toBe(result.sent);
    // recovered without intervention
    await waitHealthy(c.apiUrl(0), undefined, 30);
    await waitHealthy(c.apiUrl(1), undefined, 30);
    expect(await get('/api/v1/events?since=0')).toBe(200);
    // timers rebuilt: every ticket of the load (特急 not given: 普通, due in 24 s) and a new 特急 one breach once
    const res = await fetch(`${c.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body('redis-after', 1, { urgency: 'extra_urgent' }),
    });
    const fresh = ((await res.json()) as { id: number }).id;
    const ids = [...result.done.values(), fresh];
    let breached = 0;
    for (let i = 0; i < 80 && breached < ids.length; i++) {
      await sleep(500);
      const [[row]] = (await sql.query(`SELECT COUNT(DISTINCT ticket_id) AS n FROM ticket_events WHERE action = 'sla_breached' AND ticket_id IN (${ids.join(',')})`)) as any;
      breached = Number(row.n);
    }
    expect(breached).toBe(ids.length);
    const [[twice]] = (await sql.query(
      `SELECT COUNT(*) AS n FROM (SELECT ticket_id FROM ticket_events WHERE action = 'sla_breached' AND ticket_id IN (${ids.join(',')}) GROUP BY ticket_id HAVING COUNT(*) > 1) x`,
    )) as any;
    expect(Number(twice.n)).toBe(0);
    await sql.end();
  }, 180_000);
});

describe('MySQL stopped for 10 s under load', () => {
  it('answers 503 naming the database, leaves no partial ticket, and recovers without intervention', async () => {
    const { c } = await cluster('chaos_mysql_stop', 4400);
    const token = await login(c.url, 'agent');
    const refusals: Array<{ status: number; message: string }> = [];
    let down = false;
    let back = false;
    const load = intakeLoad(c.url, token, 'mysql-stop', 20, 16, (ms) => {
      if (!down && ms > 2000) {
        down = true;
        say('SIGKILL MariaDB');
        void mysql.kill();
      }
      if (down && !back && ms > 12_000) {
        back = true;
        say('MariaDB restarted');
        void mysql.start();
      }
    });
    // a probe of what clients are told while the database is away
    const probe = (async () => {
      while (!back) {
        if (down) {
          try {
            const r = await fetch(`${c.url}/api/v1/tickets?pageSize=1`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
            if (r.status >= 500) refusals.push({ status: r.status, message: String(((await r.json()) as { message: string }).message) });
            else await r.arrayBuffer();
          } catch {}
        }
        await sleep(200);
      }
    })();
    const result = await load;
    await probe;
    say(`intake responses ${JSON.stringify(result.statuses)}; refusals seen ${refusals.length}`);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.filter((r) => r.status !== 503)).toEqual([]);
    expect(refusals[0].message).toMatch(/database|数据库/);
    expect(Object.keys(result.statuses).filter((s) => s.startsWith('5') && s !== '503')).toEqual([]);
    expect(result.done.size).toBe(result.sent);
    await waitHealthy(c.apiUrl(0), undefined, 60);
    const sql = await createConnection({ uri: mysql.url('chaos_mysql_stop'), timezone: 'Z' });
    // no partial ticket: every ticket has its registration line, and each call made exactly one ticket
    const [[orphans]] = (await sql.query("SELECT COUNT(*) AS n FROM tickets t LEFT JOIN ticket_events e ON e.ticket_id = t.id AND e.action = 'create' WHERE e.id IS NULL")) as any;
    expect(Number(orphans.n)).toBe(0);
    const [[{ n }]] = (await sql.query("SELECT COUNT(*) AS n FROM tickets WHERE content LIKE 'mysql-stop %'")) as any;
    expect(Number(n)).toBe(result.sent);
    await sql.end();
  }, 180_000);
});

function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
