import { chineseDate, chineseShortDateTime } from '@hotline/domain';
import type { WarningDto, WarningListDto, WarningStatus } from '@hotline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api, post, qs } from '../../api/client';
import { keys, useDepartmentName } from '../../api/queries';
import { useUser } from '../../auth/session';
import { AsyncView } from '../../components/AsyncView';
import { canAcknowledge, growthText, METRIC_LABELS, pieces, STATUS_LABELS, subjectOf, T } from './labels';

type Filter = WarningStatus | 'all';
const PAGE_SIZE = 20;

/** One page of warnings by status, newest first (a handler gets its department's only: the API decides). */
export function useWarnings(filter: Filter, page = 1) {
  const status = filter === 'all' ? undefined : filter;
  return useQuery({
    queryKey: [...keys.warnings, { status, page }],
    queryFn: () => api<WarningListDto>(`/warnings${qs({ status, page, pageSize: PAGE_SIZE })}`),
    placeholderData: (prev) => prev,
  });
}

/**
 * 预警: a department's or an area's tickets or missed deadlines growing past the line this period. The department's
 * handler and supervisors sign for (签收) open ones; admins and leaders read. New ones arrive live (live/live.tsx).
 */
export default function WarningsPage() {
  const { message } = App.useApp();
  const queries = useQueryClient();
  const user = useUser();
  const deptName = useDepartmentName();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const list = useWarnings(filter, page);
  const open = useWarnings('open');
  const [busy, setBusy] = useState<number | null>(null);

  const acknowledge = async (w: WarningDto) => {
    setBusy(w.id);
    try {
      await post<WarningDto>(`/warnings/${w.id}/acknowledge`, { version: w.version });
      message.success(`${subjectOf(w, deptName)}${METRIC_LABELS[w.metric]}${T.acknowledged}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
      await queries.invalidateQueries({ queryKey: keys.warnings });
    }
  };

  const openCount = open.data?.total ?? 0;
  const filters: Array<{ value: Filter; label: string }> = [
    { value: 'open', label: `${STATUS_LABELS.open}（${openCount}件）` },
    { value: 'acknowledged', label: STATUS_LABELS.acknowledged },
    { value: 'all', label: T.all },
  ];
  return (
    <Card title={T.title} extra={<Segmented<Filter> options={filters} value={filter} onChange={(f) => (setFilter(f), setPage(1))} data-testid="warning-filter" />}>
      <Typography.Paragraph type="secondary">{T.note}</Typography.Paragraph>
      <AsyncView loading={list.isLoading} error={list.error} empty={list.data?.total === 0} emptyText={T.empty[filter]}>
        <Table<WarningDto>
          rowKey="id"
          size="middle"
          data-testid="warning-table"
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.isLoading}
          onRow={(w) => ({ 'data-testid': `warning-${w.id}` }) as HTMLAttributes<HTMLElement>}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 条`, hideOnSinglePage: true }}
          columns={[
            {
              title: T.subject,
              key: 'subject',
              render: (_, w) => (
                <Space size={4}>
                  <Tag color={w.scope === 'area' ? 'purple' : 'blue'}>{T.scope[w.scope]}</Tag>
                  {subjectOf(w, deptName)}
                </Space>
              ),
            },
            { title: T.metric, dataIndex: 'metric', render: (m: WarningDto['metric']) => METRIC_LABELS[m] },
            { title: T.current, dataIndex: 'current', render: (n: number) => <strong>{pieces(n)}</strong> },
            { title: T.previous, dataIndex: 'previous', render: (n: number) => pieces(n) },
            {
              title: T.growth,
              dataIndex: 'growth',
              render: (g: number | null) => <Typography.Text type={g === null || g > 0 ? 'danger' : undefined}>{growthText(g)}</Typography.Text>,
            },
            { title: T.periodStart, dataIndex: 'periodStart', render: (v: string) => chineseDate(v) },
            { title: T.issuedAt, dataIndex: 'issuedAt', render: (v: string) => chineseShortDateTime(v) },
            {
              title: T.status,
              key: 'status',
              render: (_, w) =>
                w.status === 'open' ? (
                  <Tag color="orange">{STATUS_LABELS.open}</Tag>
                ) : (
                  <Space size={4}>
                    <Tag color="green">{STATUS_LABELS.acknowledged}</Tag>
                    {w.acknowledgedAt && <Typography.Text type="secondary">{chineseShortDateTime(w.acknowledgedAt)}</Typography.Text>}
                  </Space>
                ),
            },
            // admins and leaders read; the department's handler and supervisors sign for
            ...(user.role === 'handler' || user.role === 'supervisor'
              ? [
                  {
                    title: T.ops,
                    key: 'ops',
                    render: (_: unknown, w: WarningDto) =>
                      canAcknowledge(user, w) ? (
                        <Button size="small" type="primary" loading={busy === w.id} onClick={() => void acknowledge(w)} data-testid={`warning-ack-${w.id}`}>
                          {T.acknowledge}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </AsyncView>
    </Card>
  );
}
