import type { SupervisionDto } from '@hotline/contracts';
import { chineseShortDateTime } from '@hotline/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { post } from '../api/client';
import { keys, useDepartmentName } from '../api/queries';
import { useUser } from '../auth/session';
import { DueCountdown } from './DueCountdown';
import { ORDER_ACTION_LABELS, orderActionsFor, type OrderAction } from './supervision-actions';
import { KindTag, LevelTag, OrderStatusTag, orderDue } from './supervision-tags';

const time = (v: string | null) => (v ? chineseShortDateTime(v) : '—');

/** After an order changes: the lists of orders, its ticket, the ticket's record and the ticket lists. */
export async function refreshOrder(queries: ReturnType<typeof useQueryClient>, ticketId: number): Promise<void> {
  await Promise.all([
    queries.invalidateQueries({ queryKey: keys.supervisions }),
    queries.invalidateQueries({ queryKey: keys.ticket(ticketId) }),
    queries.invalidateQueries({ queryKey: keys.trail(ticketId) }),
    queries.invalidateQueries({ queryKey: keys.tickets }),
    queries.invalidateQueries({ queryKey: keys.escalations }),
  ]);
}

/**
 * 督办单 with their deadlines (a live countdown, red when overdue), level, the department's response, and the buttons
 * the signed-in user may use: 反馈 (the department's handler) and 办结督办 (a supervisor).
 */
export function OrdersTable({
  orders,
  loading,
  show = {},
  testId = 'orders',
}: {
  orders: SupervisionDto[];
  loading?: boolean;
  show?: { ticket?: boolean; department?: boolean; urges?: boolean };
  testId?: string;
}) {
  const user = useUser();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const deptName = useDepartmentName();
  const [acting, setActing] = useState<{ order: SupervisionDto; action: OrderAction } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();

  const submit = async ({ note }: { note?: string }) => {
    if (!acting) return;
    const { order, action } = acting;
    setBusy(true);
    try {
      await post(`/supervisions/${order.id}/${action}`, note?.trim() ? { note: note.trim() } : {});
      message.success(action === 'respond' ? `工单 ${order.no} 的督办已反馈` : `工单 ${order.no} 的督办已办结`);
      setActing(null);
      form.resetFields();
      await refreshOrder(queries, order.ticketId);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<SupervisionDto> = [
    ...(show.ticket ? [{ title: '工单号', dataIndex: 'no', width: 170, render: (no: string, o: SupervisionDto) => <Link to={`/tickets/${o.ticketId}`}>{no}</Link> }] : []),
    { title: '类型', dataIndex: 'kind', width: 110, render: (_, o) => <KindTag kind={o.kind} /> },
    { title: '级别', dataIndex: 'level', width: 100, render: (_, o) => <LevelTag level={o.level} /> },
    ...(show.department ? [{ title: '承办部门', dataIndex: 'departmentId', width: 160, render: (d: number | null) => deptName(d) }] : []),
    {
      title: '状态',
      dataIndex: 'status',
      width: 130,
      render: (_, o) => (
        <Space size={4} wrap>
          <OrderStatusTag status={o.status} />
          {o.readyToClose && o.status !== 'closed' && <Tag color="green">{o.ticketStatus === 'replied' || o.ticketStatus === 'closed' ? '工单已答复，可办结' : '可办结'}</Tag>}
        </Space>
      ),
    },
    {
      title: '督办时限',
      dataIndex: 'dueAt',
      width: 190,
      render: (_, o) => (
        <Space direction="vertical" size={0}>
          <DueCountdown due={orderDue(o)} testId={`order-due-${o.id}`} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {time(o.dueAt)}前
          </Typography.Text>
        </Space>
      ),
    },
    ...(show.urges ? [{ title: '催办', dataIndex: 'urgeCount', width: 90, render: (n: number) => (n > 0 ? <Tag color={n >= 3 ? 'red' : 'orange'}>{n} 次</Tag> : '0 次') }] : []),
    { title: '督办要求', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '部门反馈',
      dataIndex: 'response',
      render: (v: string | null, o) =>
        v ? (
          <span data-testid={`order-response-${o.id}`}>
            {v}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              （{time(o.respondedAt)}）
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">未反馈</Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'ops',
      width: 110,
      fixed: 'right',
      render: (_, o) => (
        <Space>
          {orderActionsFor(user, o).map((a) => (
            <Button
              key={a}
              size="small"
              type={a === 'respond' ? 'primary' : 'default'}
              data-testid={`order-${a}-${o.id}`}
              onClick={() => (form.resetFields(), setActing({ order: o, action: a }))}
            >
              {ORDER_ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table<SupervisionDto>
        rowKey="id"
        size="middle"
        data-testid={testId}
        columns={columns}
        dataSource={orders}
        loading={loading}
        locale={{ emptyText: '暂无督办单' }}
        pagination={orders.length > 20 ? { pageSize: 20, showTotal: (n) => `共 ${n} 件` } : false}
        onRow={(o) => ({ 'data-testid': `order-row-${o.id}`, 'data-status': o.status }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 1000 }}
      />
      <Modal
        open={acting !== null}
        title={acting ? `${ORDER_ACTION_LABELS[acting.action]}：工单 ${acting.order.no} 的督办单` : ''}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setActing(null)}
        onOk={() =>
          void form
            .validateFields()
            .then(submit)
            .catch(() => undefined)
        }
        forceRender
      >
        <Form form={form} layout="vertical" preserve>
          <Form.Item
            name="note"
            label={acting?.action === 'respond' ? '反馈内容' : '办结意见'}
            rules={acting?.action === 'respond' ? [{ required: true, whitespace: true, message: '请填写反馈内容' }, { max: 5000 }] : [{ max: 1000 }]}
          >
            <Input.TextArea rows={3} data-testid="form-order-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
