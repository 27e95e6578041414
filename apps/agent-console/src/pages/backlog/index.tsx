import type { BacklogItemDto } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../../api/client';
import { keys, useDepartmentName, useDepartments, useStaffName } from '../../api/queries';
import { Countdown } from '../../components/Countdown';
import { StatusTag, UrgencyTag } from '../../components/tags';
import { ProgressCard } from './components/ProgressCard';
import { REASON_LABELS } from './labels';

type Item = BacklogItemDto;
const REASON_COLORS = { age: 'red', reopened: 'orange', repeat: 'purple' } as const;

/** 积案台账: open tickets too old, reopened twice or more, or called about again and again; oldest first; and 清零 progress. */
export default function BacklogPage() {
  const deptName = useDepartmentName();
  const staffName = useStaffName();
  const departments = useDepartments();
  const [departmentId, setDepartmentId] = useState<number>();
  const register = useQuery({
    queryKey: [...keys.backlog, 'register', departmentId ?? null],
    queryFn: () => api<{ items: Item[]; total: number }>(`/backlog${qs({ departmentId })}`),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="积案台账"
        extra={
          <Space>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="承办部门"
              style={{ width: 200 }}
              value={departmentId}
              onChange={setDepartmentId}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
            <Typography.Text data-testid="backlog-total">在册积案 {register.data?.total ?? 0} 件</Typography.Text>
          </Space>
        }
      >
        {register.error && <Alert type="error" showIcon message="加载失败" description={register.error.message} />}
        <Table<Item>
          rowKey={(i) => i.ticket.id}
          size="middle"
          data-testid="backlog-register"
          loading={register.isLoading}
          dataSource={register.data?.items ?? []}
          locale={{ emptyText: '暂无积案' }}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
          scroll={{ x: 1300 }}
          columns={[
            { title: '工单号', key: 'no', width: 170, render: (_, i) => <Link to={`/tickets/${i.ticket.id}`}>{i.ticket.no}</Link> },
            {
              title: '积案原因',
              key: 'reasons',
              width: 200,
              render: (_, i) => (
                <Space size={4} wrap>
                  {i.reasons.map((r) => (
                    <Tag key={r} color={REASON_COLORS[r]}>
                      {REASON_LABELS[r]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: '积案时长', dataIndex: 'ageDays', width: 100, render: (d: number) => <b>{d} 天</b> },
            { title: '承办部门', key: 'dept', width: 160, render: (_, i) => deptName(i.ticket.departmentId) },
            {
              title: '包案领导',
              key: 'leader',
              width: 120,
              render: (_, i) => (i.ticket.leaderId === null ? <Typography.Text type="secondary">未包案</Typography.Text> : staffName(i.ticket.leaderId)),
            },
            { title: '紧急程度', key: 'urgency', width: 90, render: (_, i) => <UrgencyTag urgency={i.ticket.urgency} /> },
            {
              title: '办理进展',
              key: 'progress',
              width: 300,
              render: (_, i) => (
                <Space size={4} wrap>
                  <StatusTag status={i.ticket.status} />
                  <Countdown ticket={i.ticket} />
                  {i.ticket.reopenCount > 0 && <Tag>重办 {i.ticket.reopenCount} 次</Tag>}
                  {i.calls > 1 && <Tag>来电 {i.calls} 次</Tag>}
                  {i.ticket.urgeCount > 0 && <Tag>催办 {i.ticket.urgeCount} 次</Tag>}
                </Space>
              ),
            },
            { title: '诉求内容', key: 'content', ellipsis: true, render: (_, i) => i.ticket.content },
          ]}
        />
      </Card>
      <ProgressCard />
    </Space>
  );
}
