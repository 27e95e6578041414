import { ROLE_LABELS } from '@hotline/contracts';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { useLiveStatus } from '../live/live';
import { CallPopup } from './CallPopup';
import { homeOf, menuFor, MENU } from './menu';

const LIVE_TEXT = { online: '实时连接正常', connecting: '正在连接…', offline: '实时连接已断开' } as const;
const LIVE_BADGE = { online: 'success', connecting: 'processing', offline: 'error' } as const;

/** The frame every signed-in screen shares: the role's menu, the live-connection state, sign out. */
export function AppLayout() {
  const { session, logout } = useSession();
  const live = useLiveStatus();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: pathname }} />;
  const { user } = session;
  const entry = MENU.find((m) => pathname.startsWith(m.path));
  if (pathname === '/' || (entry && !entry.roles.includes(user.role))) return <Navigate to={homeOf(user.role)} replace />;
  const items = menuFor(user.role).map((m) => ({ key: m.path, label: m.label }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          12345 热线
        </Typography.Title>
        <Menu theme="dark" mode="horizontal" selectedKeys={entry ? [entry.path] : []} items={items} onClick={(e) => void navigate(e.key)} style={{ flex: 1, minWidth: 0 }} />
        <Space>
          <Badge
            status={LIVE_BADGE[live]}
            text={
              <span style={{ color: '#fff' }} data-testid="live-status">
                {LIVE_TEXT[live]}
              </span>
            }
          />
          <span style={{ color: '#fff' }}>
            {user.displayName}（{ROLE_LABELS[user.role]}）
          </span>
          <Button size="small" onClick={logout}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      {user.role === 'agent' && <CallPopup />}
      <Layout.Content style={{ padding: 24 }}>
        <Suspense fallback={null}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
