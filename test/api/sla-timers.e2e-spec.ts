import type { TicketDto, TicketEventDto } from '@hotline/contracts';
import { DomainEvents } from '../../apps/api/src/platform/events/domain-events';
import { drive, spawnApi, startTestApp, type TestApp, stopApi } from '../support/test-app';
import { eventually, sleep } from '../support/wait';

// One SLA hour is 0.25 s: 特急 is due 0.5 s after intake (warning at 0.375 s), 紧急 1 s, 普通 3 s;
// sign-for limits 15 min / 30 min / 2 h are 62.5 / 125 / 500 ms. The sweeper runs every second.
const SPH = 0.25;
const HOUR = SPH * 1000;
let t: TestApp;
const seen: Array<{ name: string; ticketId: number; at: number }> = [];
beforeAll(async () => {
  t = await startTestApp({ SLA_SECONDS_PER_HOUR: String(SPH) });
  const bus = t.app.get(DomainEvents);
  for (const name of ['sla.warning', 'sla.breached', 'sla.accept_overdue'] as const) {
    bus.on(name, (p) => seen.push({ name, ticketId: p.ticketId, at: Date.now() }));
  }
});
afterAll(() => t.close());

const ms = (iso: string) => new Date(iso).getTime();
async function trail(id: number): Promise<TicketEventDto[]> {
  return (await t.req('GET', `/api/v1/tickets/${id}/events`, { token: await t.token('supervisor') })).body;
}
// the clock's deadline lines (the system also opens breach orders and notes missed follow-ups: other features)
const SLA_ACTIONS = ['sla_warning', 'sla_breached', 'accept_overdue'];
const sla = (events: TicketEventDto[]) => events.filter((e) => e.actorRole === 'system' && SLA_ACTIONS.includes(e.action));
async function get(id: number): Promise<TicketDto> {
  return (await t.req('GET', `/api/v1/tickets/${id}`, { token: await t.token('supervisor') })).body;
}
async function escalations(id: number): Promise<number> {
  const [rows] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM supervisions WHERE kind = 'breach' AND ticket_id = ?", [id]);
  return Number(rows[0].n);
}

describe('timers fire once, at their moment', () => {
  it('for each urgency: sign-for limit, warning and breach, each once, on time, with an escalation and an event', async () => {
    const tickets = await Promise.all((['extra_urgent', 'urgent', 'normal'] as const).map((urgency) => t.newTicket({ urgency, departmentId: t.dept('utilities') })));
    // every timer of the three has fired (the normal deadline is 3 s away); then each is checked
    for (const tk of tickets)
      await eventually(
        () => trail(tk.id),
        (e) => sla(e).length >= 3,
        `the three SLA lines of ticket ${tk.id}`,
      );
    await sleep(300); // a double would follow its first at once
    for (const tk of tickets) {
      const events = sla(await trail(tk.id));
      expect(events.map((e) => e.action).sort()).toEqual(['accept_overdue', 'sla_breached', 'sla_warning']);
      // On time: a timer fires within ~100 ms; only one later than the sweeper's grace is caught up by the sweeper
      // (every second here). The bound leaves room for a machine busy with other work.
      for (const e of events) {
        expect(e.data.lateMs).toBeGreaterThanOrEqual(0);
        expect(e.data.lateMs).toBeLessThan(1500);
      }
      expect(events.filter((e) => e.data.source === 'timer').length).toBeGreaterThanOrEqual(2);
      const now = await get(tk.id);
      expect(now.slaState).toBe('breached');
      expect(ms(now.breachedAt!) - ms(now.dueAt)).toBeGreaterThanOrEqual(0);
      expect(ms(now.breachedAt!) - ms(now.dueAt)).toBeLessThan(1500);
      expect(await escalations(tk.id)).toBe(1);
      expect(
        seen
          .filter((s) => s.ticketId === tk.id)
          .map((s) => s.name)
          .sort(),
      ).toEqual(['sla.accept_overdue', 'sla.breached', 'sla.warning']);
    }
    // the warning came at 75% of each window
    const [xu] = tickets;
    const warn = sla(await trail(xu.id)).find((e) => e.action === 'sla_warning')!;
    expect(ms(warn.at) - ms(xu.createdAt)).toBeGreaterThanOrEqual(0.75 * 2 * HOUR);
  });

  it('a reply before the deadline stops the clock: no breach, and the sign-for limit does not fire once signed for', async () => {
    await t.token('h-housing'); // signed in beforehand: the sign-for limit of a 普通 ticket is 2 h = 0.5 s here
    const tk = await t.newTicket({ urgency: 'normal', departmentId: t.dept('housing') });
    await drive(t, tk.id, [
      ['accept', 'h-housing'],
      ['reply', 'h-housing', { reply: '已处理' }],
    ]);
    await sleep(ms(tk.dueAt) - Date.now() + 600); // past its deadline
    expect(sla(await trail(tk.id))).toEqual([]);
    const now = await get(tk.id);
    expect(now).toMatchObject({ status: 'replied', slaState: 'on_track', breachedAt: null });
    expect(await escalations(tk.id)).toBe(0);
  });

  it('reclassify to a longer window: the old deadline passes silently, the new one fires', async () => {
    const tk = await t.newTicket({ urgency: 'extra_urgent' });
    const r = await drive(t, tk.id, [['reclassify', 'supervisor', { urgency: 'urgent' }]]);
    expect(ms(r.dueAt) - ms(tk.createdAt)).toBe(4 * HOUR);
    // the new deadline fires; nothing ever fired for the old one (whenever the machine got round to looking)
    await eventually(
      () => trail(tk.id),
      (e) => sla(e).some((x) => x.action === 'sla_breached'),
      `the breach of ticket ${tk.id}`,
    );
    await sleep(2 * HOUR); // a breach for the old deadline, had one been armed, would be here by now too
    expect(sla(await trail(tk.id)).filter((e) => e.data.deadlineVersion === 1)).toEqual([]);
    const breaches = sla(await trail(tk.id)).filter((e) => e.action === 'sla_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0].data).toMatchObject({ dueAt: r.dueAt, deadlineVersion: 2, source: 'timer' });
  });

  it('reclassify to a shorter window: the new deadline fires and the old one does not', async () => {
    const tk = await t.newTicket({ urgency: 'normal' });
    const r = await drive(t, tk.id, [['reclassify', 'agent', { urgency: 'extra_urgent' }]]);
    await eventually(
      () => trail(tk.id),
      (e) => sla(e).some((x) => x.action === 'sla_breached'),
      `the breach of ticket ${tk.id}`,
    );
    await sleep(ms(tk.dueAt) - Date.now() + 600); // past the old (normal) deadline too
    const breaches = sla(await trail(tk.id)).filter((e) => e.action === 'sla_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0].data).toMatchObject({ dueAt: r.dueAt, deadlineVersion: 2 });
    expect(await escalations(tk.id)).toBe(1);
  });

  it('an unsatisfied callback gives a fresh deadline, which fires in its turn', async () => {
    // signed in first, and 普通 (3 s here): room for a busy machine to sign in, sign for and reply before the first deadline
    await Promise.all([t.token('h-health'), t.token('agent')]);
    const tk = await t.newTicket({ urgency: 'normal', departmentId: t.dept('health') });
    await drive(t, tk.id, [
      ['accept', 'h-health'],
      ['reply', 'h-health', { reply: '已处理' }],
    ]);
    await sleep(ms(tk.dueAt) - Date.now() + 300); // the first deadline passes while replied: nothing
    expect(sla(await trail(tk.id)).filter((e) => e.action === 'sla_breached')).toHaveLength(0);
    const reopened = await drive(t, tk.id, [['callback', 'agent', { satisfaction: 'unsatisfied' }]]);
    await eventually(
      () => trail(tk.id),
      (e) => sla(e).some((x) => x.action === 'sla_breached'),
      `the breach after reopening ticket ${tk.id}`,
    );
    await sleep(300);
    const breaches = sla(await trail(tk.id)).filter((e) => e.action === 'sla_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0].data).toMatchObject({ dueAt: reopened.dueAt, deadlineVersion: 2 });
    expect((await get(tk.id)).slaState).toBe('breached');
  });
});

describe('never lost, never doubled', () => {
  it('two worker processes on the same queue record every breach exactly once', async () => {
    const second = await spawnApi(t.env, { SLA_ROLE: 'worker', SEED_DEMO: 'false' });
    try {
      const tickets = await Promise.all(Array.from({ length: 40 }, () => t.newTicket({ urgency: 'extra_urgent' })));
      const ids = tickets.map((x) => x.id);
      const lines = async () =>
        (
          await t.sql.query<any[]>(
            "SELECT ticket_id, action, COUNT(*) AS n FROM ticket_events WHERE ticket_id IN (?) AND actor_role = 'system' AND action IN ('sla_warning', 'sla_breached', 'accept_overdue') GROUP BY ticket_id, action",
            [ids],
          )
        )[0];
      await eventually(lines, (r) => r.length >= 80, 'a warning and a breach for each of the 40 tickets');
      await sleep(1500); // two workers, a sweep: time for any double to show
      const rows = await lines();
      expect(rows).toHaveLength(80);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
      const [esc] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM supervisions WHERE kind = 'breach' AND ticket_id IN (?)", [ids]);
      expect(Number(esc[0].n)).toBe(40);
    } finally {
      await stopApi(second);
    }
  });
});

describe('deadlines falling due together', () => {
  it('are recorded in batches, each exactly once, with its audit line, breach order, life count and event', async () => {
    const tickets = await Promise.all(Array.from({ length: 60 }, () => t.newTicket({ urgency: 'extra_urgent' })));
    const ids = tickets.map((x) => x.id);
    const breaches = async () => (await t.sql.query<any[]>("SELECT ticket_id, at FROM ticket_events WHERE ticket_id IN (?) AND action = 'sla_breached'", [ids]))[0];
    await eventually(breaches, (r) => r.length >= 60, 'a breach for each of the 60 tickets');
    await sleep(1500); // a sweep: time for any double to show
    const rows = await breaches();
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(60);
    // timers due within a few milliseconds of each other share one transaction, so one `at`
    expect(new Set(rows.map((r) => new Date(r.at).getTime())).size).toBeLessThan(60);
    // each breach opens one breach order (督办单) with its audit line, and counts once in the ticket's life history
    const [orders] = await t.sql.query<any[]>(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT ticket_id) AS tickets FROM supervisions WHERE kind = 'breach' AND status = 'open' AND ticket_id IN (?)",
      [ids],
    );
    expect({ n: Number(orders[0].n), tickets: Number(orders[0].tickets) }).toEqual({ n: 60, tickets: 60 });
    const [opened] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM ticket_events WHERE action = 'supervise' AND ticket_id IN (?)", [ids]);
    expect(Number(opened[0].n)).toBe(60);
    const [state] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM tickets WHERE id IN (?) AND sla_state = 'breached' AND breached_at IS NOT NULL AND breach_count = 1", [
      ids,
    ]);
    expect(Number(state[0].n)).toBe(60);
    await eventually(
      async () => seen.filter((e) => e.name === 'sla.breached' && ids.includes(e.ticketId)).length,
      (n) => n >= 60,
      'an event for each',
    );
    expect(seen.filter((e) => e.name === 'sla.breached' && ids.includes(e.ticketId))).toHaveLength(60);
  });
});
