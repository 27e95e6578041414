import type { Role, TicketDto, TicketStatus } from '@hotline/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../../auth/session';
import { ActionPanel } from './ActionPanel';
import { actionsFor } from './actions';

describe('which actions each role sees, by status', () => {
  const cases: Array<[Role, TicketStatus, string[]]> = [
    ['agent', 'registered', ['dispatch', 'resolve', 'urge', 'reclassify', 'merge']],
    ['agent', 'returned', ['dispatch', 'urge', 'reclassify', 'merge']],
    ['agent', 'replied', ['callback', 'urge', 'reclassify']],
    ['agent', 'closed', []],
    ['handler', 'dispatched', ['accept', 'return', 'extension']],
    ['handler', 'accepted', ['return', 'reply', 'extension']],
    ['handler', 'replied', []],
    ['handler', 'registered', []],
    ['supervisor', 'accepted', ['urge', 'reclassify', 'redirect']],
    ['supervisor', 'dispatched', ['urge', 'reclassify', 'merge', 'redirect']],
    ['leader', 'accepted', []],
    ['supervisor', 'closed', []],
  ];
  it.each(cases)('%s on a %s ticket: %j', (role, status, expected) => {
    expect([...actionsFor(role, { status })].sort()).toEqual([...expected].sort());
  });
});

function session(role: Role) {
  const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }));
  localStorage.setItem(
    'hotline.session',
    JSON.stringify({ token: `x.${payload}.y`, user: { id: 1, username: role, displayName: role, role, departmentId: role === 'handler' ? 3 : null } }),
  );
}

function panel(role: Role, status: TicketStatus) {
  session(role);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('[]', { status: 200 })),
  );
  const ticket = { id: 7, no: '20261122-000007', status, version: 3 } as TicketDto;
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <App>
          <ActionPanel ticket={ticket} />
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('<ActionPanel>', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('shows a handler exactly its buttons for a dispatched ticket', () => {
    panel('handler', 'dispatched');
    expect(screen.getAllByRole('button').map((b) => b.textContent?.replace(/\s/g, ''))).toEqual(['签收', '退单', '申请延期']);
  });

  it('shows an agent the callback for a replied ticket and nothing a department does', () => {
    panel('agent', 'replied');
    const labels = screen.getAllByRole('button').map((b) => b.textContent?.replace(/\s/g, ''));
    expect(labels).toContain('回访');
    expect(labels).not.toContain('签收');
    expect(labels).not.toContain('答复');
  });

  it('shows nothing on a closed ticket', () => {
    const { container } = panel('supervisor', 'closed');
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });
});
