import type { TicketDto } from '@hotline/contracts';
import { SlaWorker } from '../../apps/api/src/sla/sla-worker.service';
import { clearRedisPrefix, spawnApi, startTestApp, type TestApp, stopApi } from '../support/test-app';
import { eventually, sleep } from '../support/wait';

// One SLA hour is 1 s: a 紧急 ticket warns 3 s and breaches 4 s after intake. The sweeper runs every second.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: '1' });
});
afterAll(() => t.close());

it('Redis losing every timer while 500 tickets are open: every warning and breach recorded once, late by at most a sweep', async () => {
  const token = await t.token('agent');
  const created: TicketDto[] = [];
  for (let i = 0; i < 500; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, (_, k) =>
        t.req('POST', '/api/v1/tickets', { token, body: { callerPhone: `1360000${String(i + k).padStart(4, '0')}`, content: `批量${i + k}`, urgency: 'urgent' } }),
      ),
    );
    created.push(...batch.map((r) => r.body));
  }
  const flushedAt = Date.now();
  await clearRedisPrefix(process.env.REDIS_URL || 'redis://127.0.0.1:6379', t.env.QUEUE_PREFIX); // every timer gone
  const lastDue = Math.max(...created.map((x) => new Date(x.dueAt).getTime()));
  await sleep(lastDue - Date.now() + 2500); // past every deadline, plus two sweeps

  const ids = created.map((x) => x.id);
  // a machine busy with other work sweeps later: wait until every line is there (how late each was is checked below)
  await eventually(
    async () =>
      Number(
        (
          await t.sql.query<any[]>(
            "SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id IN (?) AND actor_role = 'system' AND action IN ('sla_warning', 'sla_breached', 'accept_overdue')",
            [ids],
          )
        )[0][0].n,
      ),
    (n) => n >= 1000,
    'a warning and a breach for each of the 500',
  );
  const [rows] = await t.sql.query<any[]>(
    `SELECT e.ticket_id, e.action, COUNT(*) AS n, MIN(e.at) AS at,
            MIN(CASE e.action WHEN 'sla_warning' THEN t.warn_at ELSE t.due_at END) AS due,
            MIN(e.data) AS data
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.ticket_id IN (?) AND e.actor_role = 'system' AND e.action IN ('sla_warning', 'sla_breached', 'accept_overdue') GROUP BY e.ticket_id, e.action`,
    [ids],
  );
  expect(rows).toHaveLength(1000); // a warning and a breach for each of the 500
  expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  const [esc] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM supervisions WHERE kind = 'breach' AND ticket_id IN (?)", [ids]);
  expect(Number(esc[0].n)).toBe(500);

  // Those whose timers were lost were recorded by the sweeper, at most a sweep interval (1 s) plus its
  // grace (0.25 s) and the work of the sweep itself late.
  // How many were still ahead when Redis was emptied depends on how fast the 500 registrations went (a busy machine
  // registers more slowly, so more of the timers fire before the flush): usually every breach (4 s) and most warnings
  // (3 s); whatever the number, each of them was recorded by the sweeper, on time.
  const lost = rows.filter((r) => new Date(r.due).getTime() > flushedAt);
  expect(lost.length).toBeGreaterThan(0);
  const lateness = lost.map((r) => new Date(r.at).getTime() - new Date(r.due).getTime()).sort((a, b) => a - b);
  expect(lateness[0]).toBeGreaterThanOrEqual(0);
  expect(lateness.at(-1)).toBeLessThan(1000 + 250 + 2000);
});

it('a worker killed with SIGKILL mid-run loses nothing: the next worker records every due effect at once, once', async () => {
  await t.app.get(SlaWorker).onApplicationShutdown(); // from here on, only separate worker processes run the clock
  const first = await spawnApi(t.env, { SLA_ROLE: 'worker', SEED_DEMO: 'false' });
  const tickets = await Promise.all(Array.from({ length: 30 }, () => t.newTicket({ urgency: 'extra_urgent', departmentId: t.dept('police') })));
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const lastDue = Math.max(...tickets.map((x) => new Date(x.dueAt).getTime()));
  await sleep(lastDue - Date.now() + 500); // every deadline passes while no worker runs
  const ids = tickets.map((x) => x.id);
  const count = async () =>
    (
      await t.sql.query<any[]>(
        "SELECT action, COUNT(*) AS n FROM ticket_events WHERE ticket_id IN (?) AND actor_role = 'system' AND action IN ('sla_warning', 'sla_breached', 'accept_overdue') GROUP BY action ORDER BY action",
        [ids],
      )
    )[0].map((r) => `${r.action}:${r.n}`);
  const [before] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id IN (?) AND action = 'sla_breached'", [ids]);
  const second = await spawnApi(t.env, { SLA_ROLE: 'worker', SEED_DEMO: 'false' });
  const readyAt = Date.now();
  try {
    await eventually(count, (c) => c.join() === 'accept_overdue:30,sla_breached:30,sla_warning:30', 'the new worker’s first sweep');
    expect(await count()).toEqual(['accept_overdue:30', 'sla_breached:30', 'sla_warning:30']);
    const [late] = await t.sql.query<any[]>(
      "SELECT e.at, t.due_at, e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.ticket_id IN (?) AND e.action = 'sla_breached'",
      [ids],
    );
    const bySweep = late.filter((r) => JSON.parse(r.data).source === 'sweep');
    expect(bySweep.length).toBe(30 - Number(before[0].n));
    for (const r of bySweep) {
      expect(JSON.parse(r.data).lateMs).toBeGreaterThan(0);
      expect(new Date(r.at).getTime()).toBeLessThanOrEqual(readyAt); // by the sweep that runs at start-up, before the worker reports ready
    }
  } finally {
    await stopApi(second);
  }
});
