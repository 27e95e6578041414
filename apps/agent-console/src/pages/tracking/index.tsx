import { CATEGORY_LABELS, type TicketDto } from '@hotline/contracts';
import { chineseShortDateTime } from '@hotline/domain';
import { Alert, Card, Segmented, Space, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useDepartmentName, useTickets } from '../../api/queries';
import { useUser } from '../../auth/session';
import { Countdown } from '../../components/Countdown';
import { DueCountdown } from '../../components/DueCountdown';
import { StatusTag, UrgencyTag } from '../../components/tags';
import { useNow } from '../../components/use-now';
import { byFollowUpDue, followUpLate } from './follow-up-order';

/** At most this many tracked tickets on the page (a tracker follows a handful; the total says when there are more). */
const LIMIT = 100;

/** 我跟踪的: the tickets the signed-in user tracks, the next follow-up due first and the late ones in red. */
export default function TrackingPage() {
  const user = useUser();
  const now = useNow(30_000);
  const deptName = useDepartmentName();
  const [only, setOnly] = useState<'all' | 'late' | 'open'>('open');
  const list = useTickets({ trackerId: user.id, pageSize: LIMIT });
  const items = byFollowUpDue(list.data?.items ?? []);
  const late = items.filter((t) => followUpLate(t, now));
  const shown = only === 'late' ? late : only === 'open' ? items.filter((t) => t.status !== 'closed') : items;
  return (
    <Card
      title="我跟踪的"
      extra={
        <Segmented
          value={only}
          onChange={(v) => setOnly(v as typeof only)}
          options={[
            { value: 'open', label: '未办结' },
            { value: 'late', label: `跟踪超时（${late.length} 件）` },
            { value: 'all', label: '全部' },
          ]}
          data-testid="tracking-filter"
        />
      }
    >
      {list.error && <Alert type="error" showIcon message="加载失败" description={list.error.message} />}
      <Typography.Paragraph type="secondary">
        特急工单由受理人自动跟踪，班长可改派跟踪人；每次联系承办单位或市民后请在工单上“记录跟踪”，超过跟踪时间未记录将提醒跟踪人和班长。
      </Typography.Paragraph>
      <Table<TicketDto>
        rowKey="id"
        size="middle"
        data-testid="tracking-table"
        loading={list.isLoading}
        dataSource={shown}
        locale={{ emptyText: only === 'late' ? '没有跟踪超时的工单' : '暂无跟踪的工单' }}
        pagination={{ pageSize: 20, showTotal: () => `共 ${list.data?.total ?? 0} 件${(list.data?.total ?? 0) > LIMIT ? `，显示最近 ${LIMIT} 件` : ''}` }}
        scroll={{ x: 1100 }}
        onRow={(t) => ({ 'data-late': followUpLate(t, now) ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '工单号', dataIndex: 'no', width: 170, render: (no: string, t) => <Link to={`/tickets/${t.id}`}>{no}</Link> },
          {
            title: '下次跟踪',
            key: 'followUp',
            width: 170,
            render: (_, t) => (
              <Space direction="vertical" size={0}>
                <DueCountdown due={{ dueAt: t.followUpDueAt, done: t.status === 'closed' ? '已办结' : null }} testId={`tracking-due-${t.no}`} />
                {t.followUpDueAt && t.status !== 'closed' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {chineseShortDateTime(t.followUpDueAt)}前
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: '紧急程度', dataIndex: 'urgency', width: 90, render: (u: TicketDto['urgency']) => <UrgencyTag urgency={u} /> },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: TicketDto['status']) => <StatusTag status={s} /> },
          { title: '承办部门', dataIndex: 'departmentId', width: 160, render: (d: number | null) => deptName(d) },
          { title: '办理时限', key: 'due', width: 150, render: (_, t) => <Countdown ticket={t} /> },
          { title: '类型', dataIndex: 'category', width: 70, render: (c: TicketDto['category']) => CATEGORY_LABELS[c] },
          { title: '诉求内容', dataIndex: 'content', ellipsis: true },
          { title: '操作', key: 'ops', width: 90, fixed: 'right', render: (_, t) => <Link to={`/tickets/${t.id}`}>记录跟踪</Link> },
        ]}
      />
    </Card>
  );
}
