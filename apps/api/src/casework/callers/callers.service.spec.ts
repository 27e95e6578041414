import type { CallerHistoryRepository } from './caller-history.repository';
import { CallersService } from './callers.service';

const row = (id: number, status = 'dispatched', content = `工单${id}`) => ({
  id,
  no: `T${id}`,
  status,
  urgency: 'normal',
  department_id: 3,
  created_at: '2026-01-01T00:00:00Z',
  due_at: '2026-01-02T00:00:00Z',
  content,
  confidential: id > 8 ? 1 : 0,
});

/** A caller's history without MySQL: the repository answers the two reads it was asked for. */
function service(open: object[], latest: object[]) {
  const calls: Array<[string, number | null, number]> = [];
  const repo = {
    openAndLatest: async (phone: string, dept: number | null, limit: number) => {
      calls.push([phone, dept, limit]);
      return [open, latest];
    },
  } as unknown as CallerHistoryRepository;
  return { callers: new CallersService(repo), calls };
}

describe('CallersService.history', () => {
  it('reads nothing for a text that is not a phone number', async () => {
    const { callers, calls } = service([row(1)], []);
    expect(await callers.history('not a phone', null)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('scopes a handler to their department (none: no department matches) and the centre to all', async () => {
    const { callers, calls } = service([], []);
    await callers.history('13912345678', null);
    await callers.history('13912345678', { role: 'agent', departmentId: null });
    await callers.history('13912345678', { role: 'handler', departmentId: 7 });
    await callers.history('13912345678', { role: 'handler', departmentId: null }, 3);
    expect(calls).toEqual([
      ['13912345678', null, 10],
      ['13912345678', null, 10],
      ['13912345678', 7, 10],
      ['13912345678', -1, 3],
    ]);
  });

  it('lists open tickets first, then the latest, each once, at most `limit`', async () => {
    const { callers } = service([row(9), row(5)], [row(10, 'closed'), row(9), row(8, 'closed'), row(5)]);
    const items = await callers.history('13912345678', null, 4);
    expect(items.map((i) => i.ticketId)).toEqual([9, 5, 10, 8]);
    expect(items[0]).toMatchObject({ no: 'T9', departmentId: 3, dueAt: '2026-01-02T00:00:00.000Z', confidential: true });
    expect(items[1].confidential).toBe(false);
  });

  it('cuts the content to 200 characters', async () => {
    const { callers } = service([row(1, 'dispatched', '长'.repeat(300))], []);
    const [item] = await callers.history('13912345678', null);
    expect(item.content).toHaveLength(200);
  });
});
