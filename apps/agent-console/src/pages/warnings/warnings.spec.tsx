import type { Role, UserDto, WarningDto } from '@hotline/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session';
import { warningIssued } from '../../live/live';
import WarningsPage from '.';
import { canAcknowledge, growthText, pieces, warningNotice, withIssued } from './labels';

const TRANSPORT = 5;
const DEPARTMENTS = [
  { id: TRANSPORT, code: 'transport', name: '交通运输局' },
  { id: 7, code: 'police', name: '公安局' },
];
const warning = (over: Partial<WarningDto> = {}): WarningDto => ({
  id: 1,
  scope: 'department',
  departmentId: TRANSPORT,
  area: null,
  metric: 'volume',
  current: 12,
  previous: 4,
  growth: 2,
  // Monday 2026-11-30 in Shanghai
  periodStart: '2026-11-29T16:00:00.000Z',
  status: 'open',
  issuedAt: '2026-12-03T02:30:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  version: 3,
  ...over,
});
const areaWarning = warning({ id: 2, scope: 'area', departmentId: null, area: '青山苑', metric: 'overdue', current: 8, previous: 0, growth: null });
const policeAcknowledged = warning({
  id: 3,
  departmentId: 7,
  previous: 4.333,
  growth: 0.846,
  status: 'acknowledged',
  acknowledgedAt: '2026-12-03T03:00:00.000Z',
  acknowledgedBy: 9,
});

const user = (role: Role, departmentId: number | null = null): UserDto => ({ id: 1, username: role, displayName: role, role, departmentId });

function signIn(role: Role, departmentId: number | null = null) {
  const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }));
  localStorage.setItem('hotline.session', JSON.stringify({ token: `x.${payload}.y`, user: user(role, departmentId) }));
}

interface Call {
  method: string;
  path: string;
  body: unknown;
}

/** The API as the page sees it: the warnings by status, and an acknowledgement answered by `ack`. */
function fakeApi(items: WarningDto[], ack: (id: number) => Response = (id) => json({ ...items.find((w) => w.id === id), status: 'acknowledged' })) {
  const calls: Call[] = [];
  const state = { items };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://console.test');
      const path = url.pathname.replace('/api/v1', '');
      calls.push({ method: init?.method ?? 'GET', path: `${path}${url.search}`, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
      if (path === '/departments') return json(DEPARTMENTS);
      const acknowledging = /^\/warnings\/(\d+)\/acknowledge$/.exec(path);
      if (acknowledging) {
        const res = ack(Number(acknowledging[1]));
        if (res.ok) state.items = state.items.map((w) => (w.id === Number(acknowledging[1]) ? { ...w, status: 'acknowledged', acknowledgedAt: '2026-12-03T04:00:00.000Z' } : w));
        return res;
      }
      if (path === '/warnings') {
        const status = url.searchParams.get('status');
        const shown = state.items.filter((w) => !status || w.status === status);
        return json({ items: shown, total: shown.length });
      }
      return json([]);
    }),
  );
  return calls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function mount() {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <MemoryRouter>
          <App>
            <WarningsPage />
          </App>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { ...view, queries };
}

const row = (id: number) => screen.getByTestId(`warning-${id}`);
// without spaces: antd spaces out a two-character button's label (签 收)
const cells = (id: number) =>
  within(row(id))
    .getAllByRole('cell')
    .map((c) => c.textContent?.replace(/\s+/g, ''));

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('预警 figures in words', () => {
  it('counts with 件, the baseline average to one decimal, growth as a signed percentage', () => {
    expect(pieces(12)).toBe('12件');
    expect(pieces(4.333)).toBe('4.3件');
    expect(growthText(2)).toBe('+200.0%');
    expect(growthText(0.846)).toBe('+84.6%');
    expect(growthText(null)).toBe('前期为零');
  });

  it('签收 by the department’s own handler or a supervisor, while open', () => {
    expect(canAcknowledge(user('handler', TRANSPORT), warning())).toBe(true);
    expect(canAcknowledge(user('handler', 7), warning())).toBe(false);
    expect(canAcknowledge(user('handler', TRANSPORT), areaWarning)).toBe(false);
    expect(canAcknowledge(user('supervisor'), areaWarning)).toBe(true);
    expect(canAcknowledge(user('supervisor'), policeAcknowledged)).toBe(false);
    expect(canAcknowledge(user('admin'), warning())).toBe(false);
    expect(canAcknowledge(user('leader'), warning())).toBe(false);
  });

  it('the notice: the department is asked to sign for it, the centre told, other departments and agents not', () => {
    const names = (id: number | null) => DEPARTMENTS.find((d) => d.id === id)?.name ?? '';
    expect(warningNotice(user('handler', TRANSPORT), warning(), names)).toEqual({
      message: '预警：部门“交通运输局”受理量上升',
      description: '本期 12件，前期平均 4件，增长 200.0%，请及时签收',
    });
    expect(warningNotice(user('leader'), areaWarning, names)).toEqual({ message: '预警：片区“青山苑”超期件上升', description: '本期 8件，前期平均 0件，前期为零' });
    expect(warningNotice(user('handler', 7), warning(), names)).toBeNull();
    expect(warningNotice(user('handler', TRANSPORT), areaWarning, names)).toBeNull();
    expect(warningNotice(user('agent'), warning(), names)).toBeNull();
  });

  it('a warning joins a list once, at the top', () => {
    const list = { items: [areaWarning], total: 1 };
    expect(withIssued(list, warning())).toEqual({ items: [warning(), areaWarning], total: 2 });
    expect(withIssued(withIssued(list, warning()), warning())?.total).toBe(2);
    expect(withIssued(undefined, warning())).toBeUndefined();
  });
});

describe('<WarningsPage>', () => {
  it('a handler sees its open warning in Chinese with units and signs for it with its version', async () => {
    signIn('handler', TRANSPORT);
    const calls = fakeApi([warning()]);
    const { container } = mount();
    await screen.findByText('交通运输局');
    expect(cells(1)).toEqual(['部门交通运输局', '受理量', '12件', '4件', '+200.0%', '2026年11月30日', '12月3日10:30', '待签收', '签收']);
    expect(screen.getByText('待签收（1件）')).toBeTruthy();
    expect(calls.some((c) => c.path === '/warnings?status=open&page=1&pageSize=20')).toBe(true);
    // nothing in English on the page
    expect(container.textContent).not.toMatch(/[A-Za-z]{2,}/);

    fireEvent.click(screen.getByTestId('warning-ack-1'));
    await screen.findByText('交通运输局受理量预警已签收');
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', path: '/warnings/1/acknowledge', body: { version: 3 } });
    // signed for: off the open list
    await screen.findByText('暂无待签收的预警');
    expect(screen.getByText('待签收（0件）')).toBeTruthy();
  });

  it('the API’s refusal is shown in Chinese and the warning stays open', async () => {
    signIn('handler', TRANSPORT);
    fakeApi([warning()], () => json({ statusCode: 409, error: 'Conflict', code: 'CONFLICT', message: 'warning 1 is acknowledged already', details: {} }, 409));
    mount();
    fireEvent.click(await screen.findByTestId('warning-ack-1'));
    await screen.findByText('操作与当前状态冲突，请刷新后重试');
    expect(screen.queryByText(/acknowledged already/)).toBeNull();
    expect(within(row(1)).getByText('待签收')).toBeTruthy();
  });

  it('a supervisor signs for any open one, an area’s included; filtering by status asks the API', async () => {
    signIn('supervisor');
    const calls = fakeApi([warning(), areaWarning, policeAcknowledged]);
    mount();
    await screen.findByText('青山苑');
    expect(cells(2)).toEqual(['片区青山苑', '超期件', '8件', '0件', '前期为零', '2026年11月30日', '12月3日10:30', '待签收', '签收']);
    expect(screen.getByTestId('warning-ack-1')).toBeTruthy();
    expect(screen.queryByTestId('warning-3')).toBeNull();

    fireEvent.click(screen.getByText('已签收'));
    await screen.findByText('公安局');
    expect(calls.some((c) => c.path === '/warnings?status=acknowledged&page=1&pageSize=20')).toBe(true);
    expect(cells(3)).toEqual(['部门公安局', '受理量', '12件', '4.3件', '+84.6%', '2026年11月30日', '12月3日10:30', '已签收12月3日11:00', '']);
    expect(screen.queryByTestId('warning-ack-3')).toBeNull();
  });

  it('a leader reads without a 签收 column; an empty list says so', async () => {
    signIn('leader');
    fakeApi([]);
    mount();
    await screen.findByText('暂无待签收的预警');
    fakeApi([policeAcknowledged]);
    fireEvent.click(screen.getByText('全部'));
    await screen.findByText('公安局');
    expect(screen.queryByText('操作')).toBeNull();
    expect(screen.queryAllByRole('button').filter((b) => b.textContent?.includes('签收'))).toHaveLength(0);
  });

  it('a failed load shows the API’s Chinese message', async () => {
    signIn('admin');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ statusCode: 503, error: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE', message: 'mysql down', details: { dependency: 'mysql' } }, 503)),
    );
    mount();
    await screen.findByText('加载失败');
    expect(screen.getByText('数据库暂时不可用，本次操作未保存，请稍后重试')).toBeTruthy();
  });

  it('a warning issued live appears at the top without a reload', async () => {
    signIn('handler', TRANSPORT);
    fakeApi([]);
    const { queries } = mount();
    await screen.findByText('暂无待签收的预警');
    // the API has it too by the time the event arrives: the reload after the event agrees
    fakeApi([warning({ id: 9 })]);
    await warningIssued(queries, user('handler', TRANSPORT), { warning: warning({ id: 9 }), at: '2026-12-03T02:30:00.000Z' });
    await waitFor(() => expect(row(9)).toBeTruthy());
    expect(screen.getByText('待签收（1件）')).toBeTruthy();
    expect(screen.getByTestId('warning-ack-9')).toBeTruthy();
  });

  it('another department’s warning never joins a handler’s list', async () => {
    signIn('handler', 7);
    fakeApi([]);
    const { queries } = mount();
    await screen.findByText('暂无待签收的预警');
    await warningIssued(queries, user('handler', 7), { warning: warning({ id: 9 }), at: '2026-12-03T02:30:00.000Z' });
    expect(screen.queryByTestId('warning-9')).toBeNull();
    expect(screen.getByText('暂无待签收的预警')).toBeTruthy();
  });
});
