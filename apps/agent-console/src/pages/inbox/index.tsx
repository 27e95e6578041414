import type { TicketDto, TicketListQuery } from '@hotline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../api/client';
import { keys, useOrders } from '../../api/queries';
import { OrdersTable } from '../../components/OrdersTable';
import { TicketTable } from '../../components/TicketTable';

const TABS: Array<{ key: string; label: string; query: TicketListQuery }> = [
  { key: 'dispatched', label: '待签收', query: { status: 'dispatched' } },
  { key: 'accepted', label: '办理中', query: { status: 'accepted' } },
  { key: 'warning', label: '即将超期', query: { slaState: 'warning' } },
  { key: 'breached', label: '已超期', query: { slaState: 'breached' } },
];

/** The tab of the 督办单 the department has still to answer (not a ticket list). */
const ORDERS_TAB = 'supervision';

/**
 * 部门待办: the department's tickets by what they need next, and the 督办单 awaiting its response (督办待反馈), updating
 * live (the API shows a handler only its department).
 */
export default function InboxPage() {
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [tab, setTab] = useState(TABS[0].key);
  const [paging, setPaging] = useState<TicketListQuery>({ page: 1, pageSize: 20 });
  const current = TABS.find((t) => t.key === tab);
  const orders = useOrders({ status: 'open' });
  const waiting = orders.data?.total ?? 0;
  const accept = async (t: TicketDto) => {
    try {
      await post(`/tickets/${t.id}/accept`, { version: t.version });
      message.success(`工单 ${t.no} 已签收`);
      await queries.invalidateQueries({ queryKey: keys.tickets });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="部门待办">
      <Tabs
        activeKey={tab}
        onChange={(k) => (setTab(k), setPaging({ page: 1, pageSize: paging.pageSize }))}
        items={[
          ...TABS.map((t) => ({ key: t.key, label: t.label })),
          {
            key: ORDERS_TAB,
            label: (
              <span data-testid="inbox-orders-tab">
                督办待反馈
                {waiting > 0 ? (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {waiting} 件
                  </Tag>
                ) : null}
              </span>
            ),
          },
        ]}
      />
      {!current ? (
        <OrdersTable orders={orders.data?.items ?? []} loading={orders.isLoading} show={{ ticket: true, urges: true }} testId="inbox-orders" />
      ) : (
        <TicketTable
          query={{ ...current.query, ...paging }}
          onQuery={(q) => setPaging({ page: q.page, pageSize: q.pageSize })}
          extra={[
            {
              title: '催办 / 督办',
              key: 'pressure',
              width: 220,
              render: (_, t) => (
                <Space size={4} data-testid={`inbox-pressure-${t.no}`}>
                  {t.urgeCount > 0 ? <Tag color={t.urgeCount >= 3 ? 'red' : 'orange'}>催办 {t.urgeCount} 次</Tag> : <Typography.Text type="secondary">未催办</Typography.Text>}
                  {(t.openEscalations ?? 0) > 0 && <Tag color="red">督办待反馈 {t.openEscalations} 件</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              fixed: 'right',
              render: (_, t) => (
                <Space>
                  {t.status === 'dispatched' && (
                    <Button size="small" type="primary" onClick={() => void accept(t)} data-testid={`inbox-accept-${t.no}`}>
                      签收
                    </Button>
                  )}
                  <Link to={`/tickets/${t.id}`}>办理</Link>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
