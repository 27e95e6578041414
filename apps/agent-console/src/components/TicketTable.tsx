import { CATEGORY_LABELS, type TicketDto, type TicketListQuery } from '@hotline/contracts';
import { Alert, Table, type TableColumnsType } from 'antd';
import { useMemo, useRef } from 'react';
import { chineseShortDateTime } from '@hotline/domain';
import { Link } from 'react-router';
import { useDepartmentName, useTickets } from '../api/queries';
import { Countdown } from './Countdown';
import { StatusTag, UrgencyTag } from './tags';

/** N 件, or 10,000+ 件 when the server stopped counting. */
export function countText(total: number, capped: boolean): string {
  return `${total.toLocaleString('zh-CN')}${capped ? '+' : ''} 件`;
}

export function totalText(total: number, capped: boolean): string {
  return `共 ${countText(total, capped)}`;
}

/**
 * Tickets from the server a page at a time (a list of a million stays as light as a list of 20), with a live
 * countdown per row; refreshed by live events through the query cache. Moving to the next page (or back to a page
 * seen) asks by cursor, an index read however deep; a jump to a page never reached asks by page number.
 */
export function TicketTable({ query, onQuery, extra }: { query: TicketListQuery; onQuery: (q: TicketListQuery) => void; extra?: TableColumnsType<TicketDto> }) {
  const { page = 1, pageSize = 20, cursor: _ignored, ...filters } = query;
  const filterKey = JSON.stringify({ ...filters, pageSize });
  // the cursor that starts each page (page 1 has none), for the filters they were given under
  const cursors = useRef<{ key: string; byPage: Map<number, string> }>({ key: filterKey, byPage: new Map() });
  if (cursors.current.key !== filterKey) cursors.current = { key: filterKey, byPage: new Map() };
  const cursor = page > 1 ? cursors.current.byPage.get(page) : undefined;
  // filterKey stands for the filters and the page size (their JSON): a new object with the same filters is no change
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const asked = useMemo<TicketListQuery>(() => (cursor ? { ...filters, pageSize, cursor } : { ...filters, page, pageSize }), [filterKey, page, cursor]);
  const list = useTickets(asked);
  if (list.data && !list.isPlaceholderData && list.data.nextCursor) cursors.current.byPage.set(page + 1, list.data.nextCursor);
  const deptName = useDepartmentName();
  const columns: TableColumnsType<TicketDto> = [
    { title: '工单号', dataIndex: 'no', width: 170, render: (no: string, t) => <Link to={`/tickets/${t.id}`}>{no}</Link> },
    { title: '受理时间', dataIndex: 'createdAt', width: 150, render: (v: string) => chineseShortDateTime(v) },
    { title: '紧急程度', dataIndex: 'urgency', width: 90, render: (u: TicketDto['urgency']) => <UrgencyTag urgency={u} /> },
    { title: '类型', dataIndex: 'category', width: 70, render: (c: TicketDto['category']) => CATEGORY_LABELS[c] },
    { title: '承办部门', dataIndex: 'departmentId', width: 170, render: (d: number | null) => deptName(d) },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: TicketDto['status']) => <StatusTag status={s} /> },
    { title: '办理时限', key: 'due', width: 150, render: (_, t) => <Countdown ticket={t} /> },
    { title: '诉求内容', dataIndex: 'content', ellipsis: true },
    ...(extra ?? []),
  ];
  if (list.error) return <Alert type="error" showIcon message="加载失败" description={list.error.message} />;
  const total = list.data?.total ?? 0;
  const capped = list.data?.totalCapped ?? false;
  return (
    <Table<TicketDto>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isLoading || list.isFetching}
      locale={{ emptyText: '暂无工单' }}
      scroll={{ x: 1100 }}
      pagination={{
        current: page,
        pageSize,
        // beyond the cap the pager offers one page more than it counted, so the walk can go on by cursor
        total: capped ? Math.max(total, page * pageSize + (list.data?.nextCursor ? 1 : 0)) : total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: () => <span data-testid="ticket-total">{totalText(total, capped)}</span>,
        onChange: (p, size) => onQuery({ ...query, cursor: undefined, page: size === pageSize ? p : 1, pageSize: size }),
      }}
    />
  );
}
