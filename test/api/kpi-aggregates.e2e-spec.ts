import {
  DEFAULT_RANKING_WEIGHTS,
  DEFAULT_BACKLOG_RULES,
  backlogTally,
  computeKpisByDepartment,
  kpisFromCounts,
  periodRange,
  previousPeriod,
  previousRanks,
  rankDepartments,
  rankingKpis,
  shanghaiDate,
  shanghaiMonthRange,
  type KpiCallback,
  type KpiTicket,
  type TimeRange,
} from '@hotline/domain';
import type { BacklogProgressDto, RankingDto, RankingKpis } from '@hotline/contracts';
import { aggregateDepartmentCounts } from '../../apps/api/src/live/kpis/kpi-aggregates';
import { readDispatchesAndReturns, readKpiCallbacks, readKpiTickets, type RunQuery } from '../../apps/api/src/live/kpis/kpi-queries';
import { drive, startTestApp, type TestApp } from '../support/test-app';

/**
 * The ranking's figures counted by MySQL (live/kpis/kpi-aggregates.ts) against the libs/domain formulas run over ticket
 * rows in JS: a varied month of tickets written straight into the database, every figure and the order compared, for
 * the ended month, the same month while it runs, its weeks and quarter, and through GET /rankings.
 */
let t: TestApp;
let run: RunQuery;
let ids: number[];
let A: number, B: number, C: number, D: number, E: number;
const H = 3_600_000;
const DAY = 24 * H;
// last month (ended), in Asia/Shanghai
const month = shanghaiMonthRange(new Date(shanghaiMonthRange(new Date()).from.getTime() - 1));
const DATE = shanghaiDate(new Date(month.from.getTime() + 14 * DAY));

/** mulberry32: the same month of tickets on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  status: string;
  departmentId: number | null;
  createdAt: Date;
  dispatchedAt: Date | null;
  dispatchCount: number;
  acceptedAt: Date | null;
  acceptDueAt: Date | null;
  repliedAt: Date | null;
  dueAt: Date;
  closedAt: Date | null;
  breachedAt?: Date | null;
  duplicateOf?: boolean;
  /** Trail lines besides the dispatches: [action, at, to_status, departmentId in data]. */
  lines: Array<[string, Date, string | null, number | null]>;
}

let seq = 0;
async function insert(rows: Row[]): Promise<number[]> {
  const out: number[] = [];
  for (const r of rows) {
    seq += 1;
    const times = [r.createdAt, r.dispatchedAt, r.acceptedAt, r.repliedAt, r.closedAt, ...r.lines.map((l) => l[1])].filter((x): x is Date => x !== null);
    const updated = new Date(Math.max(...times.map((x) => x.getTime())));
    const [res] = (await t.sql.query(
      `INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, department_id, created_by, created_at, updated_at,
         sla_started_at, due_at, warn_at, sla_state, breached_at, dispatched_at, accept_due_at, dispatch_count, accepted_at, replied_at, closed_at,
         deadline_version, reopen_count, urge_count, version)
       VALUES (?, ?, 'normal', 'help', '小区停水，请尽快处理。', '13900000000', 0, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 1)`,
      [
        `K${process.pid}-${seq}`,
        r.status,
        r.departmentId,
        r.createdAt,
        updated,
        r.createdAt,
        r.dueAt,
        new Date(r.dueAt.getTime() - 3 * H),
        r.breachedAt ? 'breached' : 'on_track',
        r.breachedAt ?? null,
        r.dispatchedAt,
        r.acceptDueAt,
        r.dispatchCount,
        r.acceptedAt,
        r.repliedAt,
        r.closedAt,
      ],
    )) as any;
    const id = Number(res.insertId);
    out.push(id);
    if (r.duplicateOf && out.length > 1) await t.sql.query('UPDATE tickets SET duplicate_of_id = ? WHERE id = ?', [out[0], id]);
    for (const [action, at, to, dept] of r.lines) {
      await t.sql.query('INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, ?, NULL, ?, 1, ?, ?, ?)', [
        id,
        action,
        to,
        action === 'return' ? 'handler' : 'agent',
        at,
        JSON.stringify(dept === null ? {} : { departmentId: dept }),
      ]);
    }
  }
  return out;
}

/** One ticket's life, drawn at random around the month: any department or none, any stage, late or on time. */
function draw(rnd: () => number, departments: number[]): Row {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const span = month.to.getTime() - month.from.getTime();
  const created = new Date(month.from.getTime() - 12 * DAY + Math.floor(rnd() * (span + 18 * DAY)));
  const c = created.getTime();
  const dept = pick([...departments, null]);
  const kind = pick(['direct', 'dispatched', 'dispatched', 'dispatched', 'returned', 'reopened']);
  const lines: Row['lines'] = [];
  if (kind === 'direct') {
    const closed = rnd() < 0.7 ? new Date(c + Math.floor(rnd() * 2 * H)) : null;
    return {
      status: closed ? 'closed' : 'registered',
      departmentId: dept,
      createdAt: created,
      dispatchedAt: null,
      dispatchCount: 0,
      acceptedAt: null,
      acceptDueAt: null,
      repliedAt: closed,
      dueAt: new Date(c + 12 * H),
      closedAt: closed,
      duplicateOf: rnd() < 0.2,
      lines,
    };
  }
  const holder = dept ?? pick(departments);
  const dispatched = new Date(c + Math.floor(rnd() * 3 * H));
  lines.push(['dispatch', dispatched, 'dispatched', holder]);
  const acceptDue = rnd() < 0.9 ? new Date(dispatched.getTime() + 15 * 60_000) : null;
  const accepted = pick([null, new Date(dispatched.getTime() + Math.floor(rnd() * 14 * 60_000)), new Date(dispatched.getTime() + 16 * 60_000 + Math.floor(rnd() * 5 * DAY))]);
  if (kind === 'returned') {
    // handed back to the centre: nobody holds it; the return counts against the department
    lines.push(['return', new Date(dispatched.getTime() + 60_000), 'returned', holder]);
    if (rnd() < 0.5) {
      // and sent on to another department, which holds it now
      const next = pick(departments.filter((d) => d !== holder));
      const again = new Date(dispatched.getTime() + 2 * H);
      lines.push(['dispatch', again, 'dispatched', next]);
      return {
        status: 'dispatched',
        departmentId: next,
        createdAt: created,
        dispatchedAt: again,
        dispatchCount: 2,
        acceptedAt: null,
        acceptDueAt: new Date(again.getTime() + 15 * 60_000),
        repliedAt: null,
        dueAt: new Date(c + pick([12, 48, 300]) * H),
        closedAt: null,
        lines,
      };
    }
    return {
      status: 'returned',
      departmentId: null,
      createdAt: created,
      dispatchedAt: dispatched,
      dispatchCount: 1,
      acceptedAt: null,
      acceptDueAt: acceptDue,
      repliedAt: null,
      dueAt: new Date(c + 12 * H),
      closedAt: null,
      lines,
    };
  }
  const due = new Date(c + pick([12, 24, 72, 400]) * H);
  const replied = pick([null, new Date(c + Math.floor(rnd() * 11 * H)), new Date(due.getTime() + Math.floor(rnd() * 3 * DAY))]);
  if (kind === 'reopened' && replied) {
    // replied, an unsatisfied callback, back to the same department with a new deadline (重办)
    const callback = new Date(replied.getTime() + Math.floor(rnd() * 2 * DAY));
    lines.push(['callback', callback, 'dispatched', null]);
    const newDue = new Date(callback.getTime() + pick([12, 200]) * H);
    const second = pick([null, new Date(callback.getTime() + 3 * H), new Date(newDue.getTime() + H)]);
    const closed = second && rnd() < 0.6 ? new Date(second.getTime() + 5 * H) : null;
    if (closed) lines.push(['callback', closed, 'closed', null]);
    return {
      status: closed ? 'closed' : second ? 'replied' : 'dispatched',
      departmentId: holder,
      createdAt: created,
      dispatchedAt: callback,
      dispatchCount: 2,
      acceptedAt: null,
      acceptDueAt: new Date(callback.getTime() + 15 * 60_000),
      repliedAt: second,
      dueAt: newDue,
      closedAt: closed,
      lines,
    };
  }
  const closed = replied && rnd() < 0.6 ? new Date(replied.getTime() + Math.floor(rnd() * 2 * DAY)) : null;
  if (closed) lines.push(['callback', closed, 'closed', null]);
  const breached = replied === null || replied > due ? (due < new Date() ? new Date(due.getTime() + 1) : null) : null;
  return {
    status: closed ? 'closed' : replied ? 'replied' : accepted ? 'accepted' : 'dispatched',
    departmentId: holder,
    createdAt: created,
    dispatchedAt: dispatched,
    dispatchCount: 1,
    acceptedAt: accepted,
    acceptDueAt: acceptDue,
    repliedAt: replied,
    dueAt: due,
    closedAt: closed,
    breachedAt: breached,
    duplicateOf: rnd() < 0.1,
    lines,
  };
}

/** E's tickets sit on the month's edges: in P means from <= t < to, "by then" means <= the end. */
function edges(e: number): Row[] {
  const { from, to } = month;
  const base = (created: Date, more: Partial<Row>): Row => ({
    status: 'closed',
    departmentId: e,
    createdAt: created,
    dispatchedAt: created,
    dispatchCount: 1,
    acceptedAt: created,
    acceptDueAt: new Date(created.getTime() + 15 * 60_000),
    repliedAt: null,
    dueAt: new Date(created.getTime() + 12 * H),
    closedAt: null,
    lines: [['dispatch', created, 'dispatched', e]],
    ...more,
  });
  const ms = (d: Date, x: number) => new Date(d.getTime() + x);
  return [
    // registered at the first instant (00:00 of the 1st in Shanghai, 16:00 the day before in UTC): in
    base(from, {
      status: 'closed',
      repliedAt: ms(from, H),
      closedAt: ms(from, 2 * H),
      lines: [
        ['dispatch', from, 'dispatched', e],
        ['callback', ms(from, 2 * H), 'closed', null],
      ],
    }),
    // registered at the last millisecond: in; closed exactly at the end: completed (closed by then) but not closed in P
    base(ms(to, -1), { status: 'closed', dispatchedAt: ms(to, -1), repliedAt: ms(to, -1), closedAt: to, lines: [['dispatch', ms(to, -1), 'dispatched', e]] }),
    // registered at the end: out, and so is its dispatch; its callback at the end: out
    base(to, {
      status: 'closed',
      repliedAt: ms(to, H),
      closedAt: ms(to, H),
      lines: [
        ['dispatch', to, 'dispatched', e],
        ['callback', to, 'dispatched', null],
      ],
    }),
    // one millisecond before the month, dispatched then, replied in the month late, breached then closed in it
    base(ms(from, -1), {
      status: 'closed',
      repliedAt: ms(from, 13 * H),
      closedAt: ms(from, 14 * H),
      dueAt: ms(from, 12 * H - 1),
      breachedAt: ms(from, 12 * H),
      lines: [
        ['dispatch', ms(from, -1), 'dispatched', e],
        ['callback', ms(from, 14 * H), 'closed', null],
      ],
    }),
    // unreplied, due exactly at the end: not overdue in P; due a millisecond before: overdue
    base(ms(from, 5 * DAY), { status: 'accepted', dueAt: to }),
    base(ms(from, 6 * DAY), { status: 'accepted', dueAt: ms(to, -1) }),
  ];
}

/** 清零 progress by the libs/domain rules over every ticket row (BACKLOG_DAYS is the default 30 here). */
async function jsBacklog(p: TimeRange, now: Date): Promise<Map<number, { atStart: number; added: number; cleared: number }>> {
  const [rows] = (await t.sql.query('SELECT department_id, created_at, closed_at, backlog_since FROM tickets')) as any;
  return new Map(
    ids.map((id) => {
      const mine = rows.filter((r: any) => r.department_id === id).map((r: any) => ({ createdAt: r.created_at, closedAt: r.closed_at, backlogSince: r.backlog_since }));
      const { atStart, added, cleared } = backlogTally(mine, p, now, DEFAULT_BACKLOG_RULES);
      return [id, { atStart, added, cleared }];
    }),
  );
}

async function jsKpis(p: TimeRange, now: Date, source: 'all' | 'reader'): Promise<Map<number, RankingKpis>> {
  let tickets: KpiTicket[];
  let callbacks: KpiCallback[];
  const moves = new Map<number, { dispatches: number; returns: number }>();
  if (source === 'reader') {
    // the rows the figures worker used to read: a superset found by index, the formulas pick
    [tickets, callbacks] = await Promise.all([readKpiTickets(run, p, now), readKpiCallbacks(run, p)]);
    for (const [id, m] of await readDispatchesAndReturns(run, p)) moves.set(id, m);
  } else {
    // every row there is, parsed here: nothing chosen by SQL
    const [rows] = (await t.sql.query('SELECT * FROM tickets')) as any;
    tickets = rows.map((r: any) => ({
      status: r.status,
      departmentId: r.department_id,
      createdAt: r.created_at,
      dispatchedAt: r.dispatched_at,
      dispatchCount: r.dispatch_count,
      acceptedAt: r.accepted_at,
      acceptDueAt: r.accept_due_at,
      repliedAt: r.replied_at,
      dueAt: r.due_at,
      closedAt: r.closed_at,
      duplicateOfId: r.duplicate_of_id,
      breachCount: r.breach_count,
    }));
    const holder = new Map<number, number | null>(rows.map((r: any) => [r.id, r.department_id]));
    const [lines] = (await t.sql.query("SELECT ticket_id, action, to_status, at, data FROM ticket_events WHERE action IN ('callback', 'dispatch', 'return')")) as any;
    callbacks = lines
      .filter((l: any) => l.action === 'callback')
      .map((l: any) => ({ at: l.at, satisfied: l.to_status === 'closed', departmentId: holder.get(l.ticket_id) ?? null }));
    for (const l of lines.filter((x: any) => x.action !== 'callback' && x.at >= p.from && x.at < p.to)) {
      let dept: unknown;
      try {
        dept = JSON.parse(l.data).departmentId;
      } catch {
        continue;
      }
      if (typeof dept !== 'number') continue;
      const m = moves.get(dept) ?? { dispatches: 0, returns: 0 };
      if (l.action === 'dispatch') m.dispatches++;
      else m.returns++;
      moves.set(dept, m);
    }
  }
  const byDept = computeKpisByDepartment(tickets, callbacks, p, now, ids);
  const backlog = await jsBacklog(p, now);
  return new Map(ids.map((id) => [id, rankingKpis(byDept.get(id)!, moves.get(id) ?? { dispatches: 0, returns: 0 }, backlog.get(id)!)]));
}

async function sqlKpis(p: TimeRange, now: Date): Promise<Map<number, RankingKpis>> {
  const counts = await aggregateDepartmentCounts(run, p, now, ids, DEFAULT_BACKLOG_RULES.days);
  return new Map(ids.map((id) => [id, rankingKpis(kpisFromCounts(counts.get(id)!.counts), counts.get(id)!.moves, counts.get(id)!.backlog)]));
}

const ranked = (k: Map<number, RankingKpis>) =>
  rankDepartments(
    [...k].map(([departmentId, kpis]) => ({ departmentId, kpis })),
    DEFAULT_RANKING_WEIGHTS,
  );

beforeAll(async () => {
  t = await startTestApp({ FIGURES_CACHE_SECONDS: '0' });
  run = async (sql, params) => (await t.sql.query(sql, params))[0] as Array<Record<string, unknown>>;
  const [deps] = (await t.sql.query('SELECT id FROM departments ORDER BY id')) as any;
  ids = deps.map((d: any) => Number(d.id));
  [A, B, C, D, E] = ['health', 'market', 'urban', 'police', 'civil'].map((code) => t.dept(code));
  const rnd = random(15);
  const drawn = Array.from({ length: 360 }, () => draw(rnd, [A, B, C, D]));
  // a dispatch line naming no department counts for nobody
  drawn[0].lines.push(['dispatch', new Date(month.from.getTime() + DAY), 'dispatched', null]);
  await insert(drawn);
  await insert(edges(E));
  // a breach history (issue 14) on some tickets: replied by the current deadline, they are still late
  await t.sql.query('UPDATE tickets SET breach_count = 1 + id % 2 WHERE id % 9 = 4');
  // 积案 by a reopening or repeat call (backlog_since) on some, at times around the month's start and inside it; the
  // rest by age (30 days): those registered before the month's last 30 days
  await t.sql.query('UPDATE tickets SET backlog_since = created_at + INTERVAL 1 + id % 4 DAY WHERE id % 5 = 1');
  // nor does one whose data is not JSON, and the trail still takes it (department_ref is computed on insert)
  const [[{ id }]] = (await t.sql.query('SELECT id FROM tickets ORDER BY id DESC LIMIT 1')) as any;
  await t.sql.query(
    "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'dispatch', NULL, 'dispatched', 1, 'agent', ?, 'not json')",
    [id, new Date(month.from.getTime() + DAY)],
  );
}, 120_000);
afterAll(async () => t.close());

describe('the figures counted by MySQL equal the formulas over rows', () => {
  it('the ended month: every figure of every department, and the order', async () => {
    const now = new Date();
    const sql = await sqlKpis(month, now);
    expect(sql).toEqual(await jsKpis(month, now, 'all'));
    expect(sql).toEqual(await jsKpis(month, now, 'reader'));
    expect(ranked(sql)).toEqual(ranked(await jsKpis(month, now, 'all')));
    // the data is varied enough to mean something: A-D scored on every weight, the rest (no tickets) empty
    for (const d of [A, B, C, D]) {
      const k = sql.get(d)!;
      for (const r of [k.onTimeAcceptRate, k.onTimeReplyRate, k.satisfactionRate, k.returnRate, k.repeatCallRate, k.backlogClearedRate]) expect(r.denominator).toBeGreaterThan(0);
      expect(k.onTimeReplyRate.numerator).toBeLessThan(k.onTimeReplyRate.denominator);
      expect(k.satisfactionRate.numerator).toBeLessThan(k.satisfactionRate.denominator);
    }
    expect(Math.max(...[A, B, C, D].map((d) => sql.get(d)!.returnRate.numerator))).toBeGreaterThan(0);
    expect(Math.max(...[A, B, C, D].map((d) => sql.get(d)!.backlogClearedRate.numerator))).toBeGreaterThan(0);
    const empty = ids.filter((d) => ![A, B, C, D, E].includes(d));
    expect(empty.length).toBeGreaterThan(0);
    for (const d of empty) expect(sql.get(d)!.received + sql.get(d)!.dispatched + sql.get(d)!.satisfactionRate.denominator).toBe(0);
  });

  it("the month's edges, hand-counted", async () => {
    const k = (await sqlKpis(month, new Date())).get(E)!;
    // registered: the first instant, the last millisecond and the two unreplied; not the end nor a millisecond before
    expect(k.received).toBe(4);
    // closed by then: the first, and the one closed exactly at the end
    expect(k.completionRate).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    // closed in P: the first one (2 h in) and the breached one, not the one closed exactly at the end
    expect(k.closed).toBe(2);
    // replied in P: three (one late); unreplied and due a millisecond before the end: overdue; due at the end: not
    expect(k.onTimeReplyRate).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(k.overdue).toBe(2);
    // callbacks: two satisfied in P; the one at the end is outside
    expect(k.satisfactionRate).toEqual({ numerator: 2, denominator: 2, rate: 1 });
  });

  it('the same month while it runs: at several moments, the deadlines passed by then only', async () => {
    for (const days of [0.5, 9.25, 17, 29.9]) {
      const now = new Date(month.from.getTime() + days * DAY + 123);
      const sql = await sqlKpis(month, now);
      expect(sql).toEqual(await jsKpis(month, now, 'all'));
      expect(ranked(sql)).toEqual(ranked(await jsKpis(month, now, 'all')));
    }
  });

  it('weeks, days and the quarter: Asia/Shanghai periods as the API defines them', async () => {
    const mid = new Date(month.from.getTime() + 14 * DAY);
    for (const p of [periodRange('week', mid), periodRange('week', month.from), periodRange('day', month.from), periodRange('quarter', mid), previousPeriod('month', month)]) {
      const now = new Date();
      expect(await sqlKpis(p, now)).toEqual(await jsKpis(p, now, 'all'));
    }
  });

  it('GET /rankings shows them: the same figures, order and previous ranks as the formulas over rows', async () => {
    const res = await t.req<RankingDto>('GET', `/api/v1/rankings?period=month&date=${DATE}`, { token: await t.token('supervisor') });
    expect(res.status).toBe(200);
    const now = new Date();
    const current = ranked(await jsKpis(month, now, 'all'));
    const before = previousRanks(ranked(await jsKpis(previousPeriod('month', month), now, 'all')));
    expect(res.body.items.map((i) => ({ departmentId: i.departmentId, rank: i.rank, previousRank: i.previousRank, score: i.score, kpis: i.kpis }))).toEqual(
      current.map((e) => ({ departmentId: e.departmentId, rank: e.rank, previousRank: before.get(e.departmentId) ?? null, score: e.score, kpis: e.kpis })),
    );
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['code', 'departmentId', 'kpis', 'name', 'previousRank', 'rank', 'score']);
  });
});

describe('积案清零率: counted by MySQL, the figures of GET /backlog/progress', () => {
  it('equals cleared / (at the start + added) of the progress endpoint, every department, ended and running periods', async () => {
    const token = await t.token('supervisor');
    const mid = new Date(month.from.getTime() + 14 * DAY);
    const cases: Array<[string, TimeRange]> = [
      [`period=month&date=${DATE}`, month],
      [`period=week&date=${DATE}`, periodRange('week', mid)],
      [`period=month&date=${shanghaiDate(previousPeriod('month', month).from)}`, previousPeriod('month', month)],
      ['period=month', periodRange('month', new Date())],
    ];
    let some = 0;
    for (const [query, p] of cases) {
      const res = await t.req<BacklogProgressDto[]>('GET', `/api/v1/backlog/progress?${query}`, { token });
      expect(res.status).toBe(200);
      const sql = await sqlKpis(p, new Date());
      for (const d of res.body) {
        expect([query, d.departmentId, sql.get(d.departmentId)!.backlogClearedRate]).toEqual([
          query,
          d.departmentId,
          { numerator: d.cleared, denominator: d.atStart + d.added, rate: d.atStart + d.added === 0 ? null : d.cleared / (d.atStart + d.added) },
        ]);
        some += d.atStart + d.added;
      }
    }
    expect(some).toBeGreaterThan(0);
    // and GET /rankings shows it
    const ranking = await t.req<RankingDto>('GET', `/api/v1/rankings?period=month&date=${DATE}`, { token });
    const progress = (await t.req<BacklogProgressDto[]>('GET', `/api/v1/backlog/progress?period=month&date=${DATE}`, { token })).body;
    for (const i of ranking.body.items) {
      const d = progress.find((x) => x.departmentId === i.departmentId)!;
      expect([i.departmentId, i.kpis.backlogClearedRate.numerator, i.kpis.backlogClearedRate.denominator]).toEqual([i.departmentId, d.cleared, d.atStart + d.added]);
    }
  });
});

describe('a callback counts for the department holding its ticket now', () => {
  it('改派, a return and a dispatch after it move the earlier callbacks with the ticket, in the trail-writing transaction', async () => {
    const [urban, police, market] = ['urban', 'police', 'market'].map((code) => t.dept(code));
    const running = periodRange('month', new Date());
    const callbacksOf = async () => {
      const counts = await aggregateDepartmentCounts(run, running, new Date(), ids, DEFAULT_BACKLOG_RULES.days);
      return Object.fromEntries([urban, police, market].map((d) => [d, [counts.get(d)!.counts.callbacks, counts.get(d)!.counts.satisfied]]));
    };
    const before = await callbacksOf();
    const delta = async () => {
      const now = await callbacksOf();
      return Object.fromEntries(Object.entries(now).map(([d, [c, s]]) => [d, [c - before[d][0], s - before[d][1]]]));
    };
    const tk = await t.newTicket({ urgency: 'normal', departmentId: urban });
    // an unsatisfied callback reopens it to 城管: one callback, for 城管
    await drive(t, tk.id, [
      ['accept', 'h-urban'],
      ['reply', 'h-urban', { reply: '已处理' }],
      ['callback', 'agent', { satisfaction: 'unsatisfied' }],
    ]);
    expect(await delta()).toEqual({ [urban]: [1, 0], [police]: [0, 0], [market]: [0, 0] });
    // 改派 to 公安: the earlier callback now counts for 公安
    await drive(t, tk.id, [['redirect', 'supervisor', { departmentId: police, reason: '属公安管辖' }]]);
    expect(await delta()).toEqual({ [urban]: [0, 0], [police]: [1, 0], [market]: [0, 0] });
    // returned: nobody holds it, it counts for nobody
    await drive(t, tk.id, [['return', 'h-police', { reason: '非本单位职责' }]]);
    expect(await delta()).toEqual({ [urban]: [0, 0], [police]: [0, 0], [market]: [0, 0] });
    // dispatched after the return to 市场监管, who closes it with a satisfied callback: both callbacks count there
    await drive(t, tk.id, [
      ['dispatch', 'agent', { departmentId: market }],
      ['accept', 'h-market'],
      ['reply', 'h-market', { reply: '已处理完毕' }],
      ['callback', 'agent', { satisfaction: 'satisfied' }],
    ]);
    expect(await delta()).toEqual({ [urban]: [0, 0], [police]: [0, 0], [market]: [2, 1] });
    // the trail itself is untouched (append-only): the callback lines are as written
    const [lines] = (await t.sql.query("SELECT to_status FROM ticket_events WHERE ticket_id = ? AND action = 'callback' ORDER BY id", [tk.id])) as any;
    expect(lines.map((l: any) => l.to_status)).toEqual(['dispatched', 'closed']);
    // and the whole running month still equals the formulas over rows
    const now = new Date();
    expect(await sqlKpis(running, now)).toEqual(await jsKpis(running, now, 'all'));
  });

  it('a department change by any UPDATE re-points the callbacks too', async () => {
    const [health, civil] = ['health', 'civil'].map((code) => t.dept(code));
    const tk = await t.newTicket({ urgency: 'normal', departmentId: health });
    await drive(t, tk.id, [
      ['accept', 'h-health'],
      ['reply', 'h-health', { reply: '已处理' }],
      ['callback', 'agent', { satisfaction: 'satisfied' }],
    ]);
    const holder = async () => ((await t.sql.query('SELECT department_id FROM ticket_callbacks WHERE ticket_id = ?', [tk.id])) as any)[0].map((r: any) => r.department_id);
    expect(await holder()).toEqual([health]);
    await t.sql.query('UPDATE tickets SET department_id = ? WHERE id = ?', [civil, tk.id]);
    expect(await holder()).toEqual([civil]);
    // a change that rolls back leaves it where it was
    const conn = t.sql;
    await conn.query('START TRANSACTION');
    await conn.query('UPDATE tickets SET department_id = ? WHERE id = ?', [health, tk.id]);
    await conn.query('ROLLBACK');
    expect(await holder()).toEqual([civil]);
  });
});
