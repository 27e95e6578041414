import { CATEGORY_LABELS, type TicketDto, type TicketListQuery } from '@hotline/contracts';
import { Alert, Table, type TableColumnsType } from 'antd';
import { chineseShortDateTime } from '@hotline/domain';
import { Link } from 'react-router';
import { useDepartmentName, useTickets } from '../api/queries';
import { Countdown } from './Countdown';
import { StatusTag, UrgencyTag } from './tags';

/**
 * Tickets from the server a page at a time (a list of 10,000 stays as light as a list of 20), with a live countdown
 * per row; refreshed by live events through the query cache.
 */
export function TicketTable({ query, onQuery, extra }: {
  query: TicketListQuery;
  onQuery: (q: TicketListQuery) => void;
  extra?: TableColumnsType<TicketDto>;
}) {
  const list = useTickets(query);
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
  if (list.error) return <Alert type="error" showIcon message="加载失败" description={(list.error as Error).message} />;
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
        current: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => `共 ${n} 件`,
        onChange: (page, pageSize) => onQuery({ ...query, page, pageSize }),
      }}
    />
  );
}
