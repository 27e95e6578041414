import { hashPassword } from '../../apps/api/src/access/auth/password';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // a second handler of the housing department
  await t.sql.query(
    "INSERT INTO users (username, display_name, role, department_id, password_hash, active, created_at) VALUES ('h-housing-2', '住建局承办人二', 'handler', ?, ?, 1, NOW(3))",
    [t.dept('housing'), await hashPassword(DEMO_PASSWORD)],
  );
}, 120_000); // a fresh database and migrations take more than jest's 30 s when the machine is shared
afterAll(() => t.close());

const countAudit = async (id: number, action: string) => {
  const [rows] = await t.sql.query<any[]>('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = ?', [id, action]);
  return Number(rows[0].n);
};

describe('concurrent edits', () => {
  it('two handlers accepting the same ticket at the same moment: one 200, one 409, one audit line', async () => {
    const [a, b] = [await t.token('h-housing'), await t.token('h-housing-2')];
    for (let round = 0; round < 5; round++) {
      const tk = await t.newTicket({ departmentId: t.dept('housing') });
      const results = await Promise.all([a, b].map((token) => t.req('POST', `/api/v1/tickets/${tk.id}/accept`, { token, body: {} })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({ code: expect.stringMatching(/^(TICKET_STATUS_CONFLICT|CONCURRENT_CHANGE)$/), details: { status: 'accepted' } });
      expect(await countAudit(tk.id, 'accept')).toBe(1);
      const [rows] = await t.sql.query<any[]>('SELECT status, version FROM tickets WHERE id = ?', [tk.id]);
      expect(rows[0]).toEqual({ status: 'accepted', version: 2 });
    }
  });

  it('a reply racing a return: exactly one wins and the trail matches the final status', async () => {
    const tk = await t.newTicket({ departmentId: t.dept('housing') });
    const a = await t.token('h-housing');
    await t.req('POST', `/api/v1/tickets/${tk.id}/accept`, { token: a, body: {} });
    const b = await t.token('h-housing-2');
    const [reply, ret] = await Promise.all([
      t.req('POST', `/api/v1/tickets/${tk.id}/reply`, { token: a, body: { reply: '已处理' } }),
      t.req('POST', `/api/v1/tickets/${tk.id}/return`, { token: b, body: { reason: '非本部门' } }),
    ]);
    expect([reply.status, ret.status].sort()).toEqual([200, 409]);
    const [rows] = await t.sql.query<any[]>('SELECT status FROM tickets WHERE id = ?', [tk.id]);
    expect(rows[0].status).toBe(reply.status === 200 ? 'replied' : 'returned');
    expect((await countAudit(tk.id, 'reply')) + (await countAudit(tk.id, 'return'))).toBe(1);
  });

  it('two agents dispatching with the same version: the second is told the version is stale', async () => {
    const tk = await t.newTicket();
    const [x, y] = await Promise.all(
      [
        ['agent', 4],
        ['supervisor', 5],
      ].map(async ([user, dept]) => t.req('POST', `/api/v1/tickets/${tk.id}/dispatch`, { token: await t.token(user as string), body: { departmentId: dept, version: 1 } })),
    );
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect(await countAudit(tk.id, 'dispatch')).toBe(1);
  });

  it('50 registrations in parallel: 50 tickets, 50 distinct numbers, 50 create lines', async () => {
    const marker = `并发登记${Date.now()}`;
    const token = await t.token('agent');
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.req('POST', '/api/v1/tickets', { token, body: { callerPhone: '13700000000', content: `${marker} ${i}` } })),
    );
    expect(created.every((r) => r.status === 201)).toBe(true);
    expect(new Set(created.map((r) => r.body.no)).size).toBe(50);
    const [rows] = await t.sql.query<any[]>(
      "SELECT COUNT(DISTINCT t.id) AS tickets, COUNT(e.id) AS create_lines FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.action = 'create' WHERE t.content LIKE ?",
      [`${marker}%`],
    );
    expect(rows[0]).toEqual({ tickets: 50, create_lines: 50 });
  });

  it('5 extension requests for one ticket at once: one pending request, four 409s, one audit line', async () => {
    const [a, b] = [await t.token('h-housing'), await t.token('h-housing-2')];
    for (let round = 0; round < 3; round++) {
      const tk = await t.newTicket({ departmentId: t.dept('housing') });
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => t.req('POST', `/api/v1/tickets/${tk.id}/extension`, { token: i % 2 ? a : b, body: { hours: 1 + i, reason: `并发延期申请${i}` } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.details?.reason).toMatch(/pending extension/);
      const [rows] = await t.sql.query<any[]>("SELECT COUNT(*) AS n FROM ticket_extensions WHERE ticket_id = ? AND status = 'pending'", [tk.id]);
      expect(Number(rows[0].n)).toBe(1);
      expect(await countAudit(tk.id, 'extension_requested')).toBe(1);
    }
  });

  it('the database itself refuses a second pending extension of a ticket, whoever writes it', async () => {
    const tk = await t.newTicket({ departmentId: t.dept('housing') });
    const insert = () =>
      t.sql.query("INSERT INTO ticket_extensions (ticket_id, deadline_version, requested_by, requested_at, hours, reason, status) VALUES (?, 1, 1, NOW(3), 1, 'x', 'pending')", [
        tk.id,
      ]);
    await insert();
    await expect(insert()).rejects.toThrow(/Duplicate entry/);
  });
});

describe('concurrent merges (重复件)', () => {
  const merge = async (from: number, into: number) => t.req('POST', `/api/v1/tickets/${from}/merge`, { token: await t.token('agent'), body: { intoId: into } });
  const links = async (ids: number[]) =>
    new Map((await t.sql.query<any[]>('SELECT id, duplicate_of_id FROM tickets WHERE id IN (?)', [ids]))[0].map((r) => [r.id as number, r.duplicate_of_id as number | null]));

  it('A into B and B into A at once: one merge, the other refused with a 4xx, never a deadlock 500 or a cycle', async () => {
    for (let round = 0; round < 6; round++) {
      const [a, b] = [await t.newTicket(), await t.newTicket()];
      const results = await Promise.all([merge(a.id, b.id), merge(b.id, a.id)]);
      for (const r of results) expect(r.status).toBeLessThan(500);
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      const l = await links([a.id, b.id]);
      expect([l.get(a.id), l.get(b.id)].filter((x) => x !== null)).toHaveLength(1);
    }
  });

  it('A into B and B into C at once: no ticket is left a duplicate of a duplicate', async () => {
    for (let round = 0; round < 6; round++) {
      const [a, b, c] = [await t.newTicket(), await t.newTicket(), await t.newTicket()];
      const results = await Promise.all(round % 2 ? [merge(a.id, b.id), merge(b.id, c.id)] : [merge(b.id, c.id), merge(a.id, b.id)]);
      for (const r of results) expect(r.status).toBeLessThan(500);
      const l = await links([a.id, b.id, c.id]);
      for (const [id, into] of l) if (into !== null) expect([id, l.get(into) ?? null]).toEqual([id, null]);
    }
  });
});
