import type { InstructionDto, TicketDto } from '@hotline/contracts';
import { chineseShortDateTime } from '@hotline/domain';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, post } from '../../api/client';
import { keys, useDepartmentName, useTickets } from '../../api/queries';
import { useUser } from '../../auth/session';
import { Countdown } from '../../components/Countdown';
import { StatusTag, UrgencyTag } from '../../components/tags';
import { recentInstructions } from './recent';

/** Cases on the page, and how many of them are read for the recent instructions. */
const LIMIT = 100;
const READ_INSTRUCTIONS_OF = 30;

/** 我的包案: the cases this leader owns, with their deadlines and 督办, 阅批 on each, and the latest instructions. */
export default function LeaderPage() {
  const user = useUser();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const deptName = useDepartmentName();
  const cases = useTickets({ leaderId: user.id, pageSize: LIMIT });
  const items = cases.data?.items ?? [];
  const open = items.filter((t) => t.status !== 'closed');
  const read = items.slice(0, READ_INSTRUCTIONS_OF);
  const lists = useQueries({
    queries: read.map((t) => ({ queryKey: keys.instructions(t.id), queryFn: () => api<InstructionDto[]>(`/tickets/${t.id}/instructions`) })),
  });
  const recent = recentInstructions(lists.map((q) => q.data));
  const noOf = (id: number) => items.find((t) => t.id === id)?.no ?? `工单 ${id}`;
  const [instructing, setInstructing] = useState<TicketDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ text: string }>();

  const instruct = async ({ text }: { text: string }) => {
    if (!instructing) return;
    setBusy(true);
    try {
      await post(`/tickets/${instructing.id}/instructions`, { text: text.trim() });
      message.success(`已阅批工单 ${instructing.no}`);
      await Promise.all([keys.instructions(instructing.id), keys.trail(instructing.id)].map((queryKey) => queries.invalidateQueries({ queryKey })));
      setInstructing(null);
      form.resetFields();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="我的包案"
        extra={
          <Typography.Text data-testid="leader-counts">
            包案 {cases.data?.total ?? 0} 件，未办结 {open.length} 件
          </Typography.Text>
        }
      >
        {cases.error && <Alert type="error" showIcon message="加载失败" description={cases.error.message} />}
        <Table<TicketDto>
          rowKey="id"
          size="middle"
          data-testid="leader-cases"
          loading={cases.isLoading}
          dataSource={items}
          locale={{ emptyText: '暂无包案工单' }}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
          scroll={{ x: 1200 }}
          columns={[
            { title: '工单号', dataIndex: 'no', width: 170, render: (no: string, t) => <Link to={`/tickets/${t.id}`}>{no}</Link> },
            { title: '紧急程度', dataIndex: 'urgency', width: 90, render: (u: TicketDto['urgency']) => <UrgencyTag urgency={u} /> },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: TicketDto['status']) => <StatusTag status={s} /> },
            { title: '承办部门', dataIndex: 'departmentId', width: 160, render: (d: number | null) => deptName(d) },
            { title: '办理时限', key: 'due', width: 150, render: (_, t) => <Countdown ticket={t} /> },
            {
              title: '督办情况',
              key: 'pressure',
              width: 220,
              render: (_, t) => (
                <Space size={4} wrap>
                  {t.breachCount > 0 && <Tag color="red">超期 {t.breachCount} 次</Tag>}
                  {t.reopenCount > 0 && <Tag color="orange">重办 {t.reopenCount} 次</Tag>}
                  {(t.openEscalations ?? 0) > 0 && <Tag color="volcano">督办待反馈 {t.openEscalations} 件</Tag>}
                  {t.urgeCount > 0 && <Tag>催办 {t.urgeCount} 次</Tag>}
                </Space>
              ),
            },
            { title: '诉求内容', dataIndex: 'content', ellipsis: true },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              fixed: 'right',
              render: (_, t) => (
                <Button size="small" type="primary" data-testid={`leader-instruct-${t.no}`} onClick={() => (form.resetFields(), setInstructing(t))}>
                  阅批
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title="最近阅批">
        <List
          data-testid="leader-instructions"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无阅批" /> }}
          dataSource={recent}
          renderItem={(i) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space size={8}>
                  <Link to={`/tickets/${i.ticketId}`}>{noOf(i.ticketId)}</Link>
                  <Typography.Text type="secondary">{chineseShortDateTime(i.at)}</Typography.Text>
                </Space>
                <span>{i.text}</span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={instructing !== null}
        title={instructing ? `阅批：工单 ${instructing.no}` : ''}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setInstructing(null)}
        onOk={() =>
          void form
            .validateFields()
            .then(instruct)
            .catch(() => undefined)
        }
        forceRender
      >
        <Form form={form} layout="vertical" preserve>
          <Form.Item name="text" label="阅批意见" rules={[{ required: true, whitespace: true, message: '请填写阅批意见' }, { max: 2000 }]}>
            <Input.TextArea rows={4} data-testid="leader-instruction-text" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
