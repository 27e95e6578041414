import type { Role, SupervisionDto, TicketDto, TicketStatus } from '@hotline/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../auth/session';
import { CaseCard } from '../pages/ticket-detail/components/CaseCard';
import { dueText, dueTone } from './due';
import { OrdersTable } from './OrdersTable';
import { caseActionsFor, orderActionsFor } from './supervision-actions';
import { orderDue } from './supervision-tags';

const me = (role: Role, id = 1, departmentId: number | null = null) => ({ id, role, departmentId });
const ticket = (over: Partial<Pick<TicketDto, 'status' | 'trackerId' | 'leaderId' | 'archivedAt'>> = {}) => ({
  status: 'accepted' as TicketStatus,
  trackerId: null,
  leaderId: null,
  ...over,
});

describe('who may track, supervise and instruct (跟踪、督办、阅批)', () => {
  it('an agent takes a ticket itself, and logs follow-ups once it tracks it', () => {
    expect(caseActionsFor(me('agent', 1), ticket({ trackerId: null }))).toEqual(['take']);
    expect(caseActionsFor(me('agent', 1), ticket({ trackerId: 9 }))).toEqual(['take']);
    expect(caseActionsFor(me('agent', 1), ticket({ trackerId: 1 }))).toEqual(['follow_up']);
  });
  it('a supervisor names the tracker and the leader, logs follow-ups and gives orders', () => {
    expect(caseActionsFor(me('supervisor'), ticket())).toEqual(['assign_tracker', 'follow_up', 'supervise', 'assign_leader']);
  });
  it('a leader instructs only its own cases, and follows up only when it tracks', () => {
    expect(caseActionsFor(me('leader', 7), ticket({ leaderId: 7 }))).toEqual(['instruct']);
    expect(caseActionsFor(me('leader', 7), ticket({ leaderId: 8 }))).toEqual([]);
    expect(caseActionsFor(me('leader', 7), ticket({ leaderId: 7, trackerId: 7 }))).toEqual(['follow_up', 'instruct']);
  });
  it('a handler and an admin get none; a closed ticket only the owning leader\u2019s instruction', () => {
    expect(caseActionsFor(me('handler', 3, 2), ticket({ trackerId: 3 }))).toEqual([]);
    expect(caseActionsFor(me('admin'), ticket())).toEqual([]);
    expect(caseActionsFor(me('supervisor'), ticket({ status: 'closed' }))).toEqual([]);
    expect(caseActionsFor(me('agent', 1), ticket({ status: 'closed', trackerId: 1 }))).toEqual([]);
    expect(caseActionsFor(me('leader', 7), ticket({ status: 'closed', leaderId: 7 }))).toEqual(['instruct']);
  });
  it('an archived ticket offers nothing: it is read-only', () => {
    const archivedAt = '2026-12-01T18:30:00.000Z';
    expect(caseActionsFor(me('leader', 7), ticket({ status: 'closed', leaderId: 7, archivedAt }))).toEqual([]);
    expect(caseActionsFor(me('supervisor'), ticket({ status: 'closed', archivedAt }))).toEqual([]);
  });
  it('反馈 for the order\u2019s own department while open; 办结督办 for a supervisor until closed', () => {
    expect(orderActionsFor(me('handler', 3, 2), { status: 'open', departmentId: 2 })).toEqual(['respond']);
    expect(orderActionsFor(me('handler', 3, 2), { status: 'open', departmentId: 5 })).toEqual([]);
    expect(orderActionsFor(me('handler', 3, 2), { status: 'responded', departmentId: 2 })).toEqual([]);
    expect(orderActionsFor(me('supervisor'), { status: 'open', departmentId: 2 })).toEqual(['close']);
    expect(orderActionsFor(me('supervisor'), { status: 'responded', departmentId: 2 })).toEqual(['close']);
    expect(orderActionsFor(me('supervisor'), { status: 'closed', departmentId: 2 })).toEqual([]);
    expect(orderActionsFor(me('leader'), { status: 'open', departmentId: 2 })).toEqual([]);
    expect(orderActionsFor(me('agent'), { status: 'open', departmentId: 2 })).toEqual([]);
  });
});

const T0 = Date.parse('2026-12-03T02:00:00.000Z');
const at = (min: number) => T0 + min * 60_000;
const iso = (min: number) => new Date(at(min)).toISOString();
const order = (over: Partial<SupervisionDto> = {}): SupervisionDto => ({
  id: 11,
  ticketId: 7,
  no: '20261203-000007',
  departmentId: 2,
  kind: 'manual',
  level: 'centre',
  status: 'open',
  dueAt: iso(60),
  note: '请今日办结',
  response: null,
  createdAt: iso(0),
  respondedAt: null,
  closedAt: null,
  closeNote: null,
  overdueAt: null,
  ticketStatus: 'accepted',
  readyToClose: false,
  urgeCount: 2,
  ...over,
});

describe('an order\u2019s deadline (督办时限)', () => {
  it('green, yellow in its last quarter, red past it or when marked overdue', () => {
    expect(dueTone(orderDue(order()), at(10))).toBe('green');
    expect(dueTone(orderDue(order()), at(46))).toBe('yellow');
    expect(dueTone(orderDue(order()), at(61))).toBe('red');
    expect(dueText(orderDue(order()), at(61))).toBe('超期 1分0秒');
    expect(dueTone(orderDue(order({ level: 'leader', overdueAt: iso(60), dueAt: iso(120) })), at(61))).toBe('red');
  });
  it('stops once answered or closed', () => {
    expect(dueText(orderDue(order({ status: 'responded' })), at(600))).toBe('已反馈');
    expect(dueTone(orderDue(order({ status: 'closed', overdueAt: iso(60) })), at(600))).toBe('stopped');
    expect(dueText(orderDue(order({ status: 'closed' })), at(600))).toBe('已办结');
  });
  it('a follow-up time without a tracker reads as a dash', () => {
    expect(dueText({ dueAt: null }, at(0))).toBe('—');
    expect(dueTone({ dueAt: iso(30) }, at(29))).toBe('green');
    expect(dueTone({ dueAt: iso(30) }, at(30))).toBe('red');
  });
});

function session(role: Role, id = 1, departmentId: number | null = null) {
  const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }));
  localStorage.setItem('hotline.session', JSON.stringify({ token: `x.${payload}.y`, user: { id, username: role, displayName: role, role, departmentId } }));
}

function mount(node: ReactNode) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('[]', { status: 200 })),
  );
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <MemoryRouter>
          <App>{node}</App>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}
const buttons = (root: HTMLElement) =>
  within(root)
    .queryAllByRole('button')
    .map((b) => b.textContent?.replace(/\s/g, ''));

describe('<OrdersTable> and the 跟踪督办 card', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('a handler sees 反馈 on its department\u2019s open order only, with the urges and the ticket', () => {
    session('handler', 3, 2);
    const { container } = mount(
      <OrdersTable orders={[order(), order({ id: 12, status: 'responded', response: '已修复', respondedAt: iso(20) })]} show={{ ticket: true, urges: true }} />,
    );
    expect(screen.getByTestId('order-respond-11').textContent?.replace(/\s/g, '')).toBe('反馈');
    expect(screen.queryByTestId('order-respond-12')).toBeNull();
    expect(screen.getByTestId('order-response-12').textContent).toContain('已修复');
    expect(screen.getAllByText('2 次')).toHaveLength(2);
    expect(container.textContent).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('a supervisor sees 办结督办 until the order is closed, and which ones are ready to close', () => {
    session('supervisor');
    mount(<OrdersTable orders={[order({ readyToClose: true, ticketStatus: 'replied' }), order({ id: 13, status: 'closed', closedAt: iso(50) })]} />);
    expect(screen.getByTestId('order-close-11')).toBeTruthy();
    expect(screen.queryByTestId('order-close-13')).toBeNull();
    expect(screen.getByText('工单已答复，可办结')).toBeTruthy();
  });

  it('the card: an agent may take the ticket, the owning leader instruct it, a handler nothing', () => {
    const tk = { id: 7, no: '20261203-000007', status: 'accepted', trackerId: 9, leaderId: 7, followUpDueAt: null, breachCount: 1 } as TicketDto;
    session('agent', 1);
    const agent = mount(<CaseCard ticket={tk} />);
    expect(buttons(agent.container)).toEqual(['我来跟踪']);
    agent.unmount();
    localStorage.clear();
    session('leader', 7);
    const leader = mount(<CaseCard ticket={tk} />);
    expect(buttons(leader.container)).toEqual(['阅批']);
    expect(screen.getByText('1 次')).toBeTruthy();
    leader.unmount();
    localStorage.clear();
    session('handler', 3, 2);
    const handler = mount(<CaseCard ticket={tk} />);
    expect(buttons(handler.container)).toEqual([]);
    expect(screen.getByTestId('case-tracker').textContent).toBe('用户 9');
  });
});
