import type { EscalationDto, HotspotDto, PendingExtensionDto, TicketListQuery } from '@hotline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Tabs } from 'antd';
import { chineseShortDateTime } from '@hotline/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, post } from '../../api/client';
import { keys, useDepartmentName, useOrders } from '../../api/queries';
import { AsyncView } from '../../components/AsyncView';
import { Countdown } from '../../components/Countdown';
import { UrgencyTag } from '../../components/tags';
import { TicketTable } from '../../components/TicketTable';
import { useUser } from '../../auth/session';
import { OrdersTab } from './components/OrdersTab';

const time = (v: string | null) => (v ? chineseShortDateTime(v) : '—');

/**
 * 督办: the supervision orders (督办单) with their deadlines and responses, breached tickets to chase, extension
 * requests to decide, hotspots, returned tickets to re-dispatch. A leader sees the orders only.
 */
export default function SupervisionPage() {
  const { message } = App.useApp();
  const queries = useQueryClient();
  const deptName = useDepartmentName();
  const centre = useUser().role !== 'leader';
  const openOrders = useOrders({ status: 'open' });
  const escalations = useQuery({ queryKey: keys.escalations, queryFn: () => api<EscalationDto[]>('/escalations?status=open'), enabled: centre });
  const extensions = useQuery({ queryKey: keys.extensions, queryFn: () => api<PendingExtensionDto[]>('/extensions/pending'), enabled: centre });
  const hotspots = useQuery({ queryKey: keys.hotspots, queryFn: () => api<HotspotDto[]>('/hotspots?status=open'), enabled: centre });
  const [returned, setReturned] = useState<TicketListQuery>({ status: 'returned', page: 1, pageSize: 20 });
  const [deciding, setDeciding] = useState<{ ext: PendingExtensionDto; approve: boolean } | null>(null);
  const [note, setNote] = useState('');

  const act = async (label: string, path: string, body: object) => {
    try {
      await post(path, body);
      message.success(label);
      await Promise.all([
        queries.invalidateQueries({ queryKey: keys.escalations }),
        queries.invalidateQueries({ queryKey: keys.extensions }),
        queries.invalidateQueries({ queryKey: keys.hotspots }),
        queries.invalidateQueries({ queryKey: keys.supervisions }),
      ]);
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    }
  };

  return (
    <Card title="督办">
      <Tabs
        data-testid="supervision-tabs"
        items={[
          {
            key: 'orders',
            label: `督办单（待反馈 ${openOrders.data?.total ?? 0} 件）`,
            children: <OrdersTab />,
          },
          {
            key: 'breached',
            label: `超期督办（${escalations.data?.length ?? 0}）`,
            children: (
              <AsyncView loading={escalations.isLoading} error={escalations.error} empty={!escalations.data?.length} emptyText="没有待督办的超期工单">
                <Table<EscalationDto>
                  rowKey="id"
                  size="middle"
                  dataSource={escalations.data}
                  pagination={{ pageSize: 20 }}
                  columns={[
                    { title: '工单号', dataIndex: 'no', render: (no: string, e) => <Link to={`/tickets/${e.ticketId}`}>{no}</Link> },
                    { title: '紧急程度', dataIndex: 'urgency', render: (u: EscalationDto['urgency']) => <UrgencyTag urgency={u} /> },
                    { title: '承办部门', dataIndex: 'departmentId', render: (d: number | null) => deptName(d) },
                    { title: '时限', dataIndex: 'dueAt', render: (v: string) => time(v) },
                    { title: '超期时间', dataIndex: 'breachedAt', render: (v: string | null) => time(v) },
                    {
                      title: '操作',
                      key: 'ops',
                      render: (_, e) => (
                        <Button size="small" onClick={() => void act(`工单 ${e.no} 已催办`, `/tickets/${e.ticketId}/urge`, { note: '已超期，请立即办理' })}>
                          催办
                        </Button>
                      ),
                    },
                  ]}
                />
              </AsyncView>
            ),
          },
          {
            key: 'extensions',
            label: `延期审批（${extensions.data?.length ?? 0}）`,
            children: (
              <AsyncView loading={extensions.isLoading} error={extensions.error} empty={!extensions.data?.length} emptyText="没有待审批的延期申请">
                <Table<PendingExtensionDto>
                  rowKey="id"
                  size="middle"
                  dataSource={extensions.data}
                  pagination={{ pageSize: 20 }}
                  columns={[
                    { title: '工单号', dataIndex: 'no', render: (no: string, x) => <Link to={`/tickets/${x.ticketId}`}>{no}</Link> },
                    { title: '承办部门', dataIndex: 'departmentId', render: (d: number | null) => deptName(d) },
                    {
                      title: '当前时限',
                      key: 'due',
                      render: (_, x) => <Countdown ticket={{ status: 'accepted', slaState: 'on_track', createdAt: x.requestedAt, dueAt: x.dueAt }} />,
                    },
                    { title: '延长', dataIndex: 'hours', render: (h: number) => `${h} 小时` },
                    { title: '理由', dataIndex: 'reason' },
                    { title: '申请时间', dataIndex: 'requestedAt', render: (v: string) => time(v) },
                    {
                      title: '操作',
                      key: 'ops',
                      render: (_, x) => (
                        <Space>
                          <Button size="small" type="primary" onClick={() => (setNote(''), setDeciding({ ext: x, approve: true }))}>
                            批准
                          </Button>
                          <Button size="small" danger onClick={() => (setNote(''), setDeciding({ ext: x, approve: false }))}>
                            驳回
                          </Button>
                        </Space>
                      ),
                    },
                  ]}
                />
              </AsyncView>
            ),
          },
          {
            key: 'hotspots',
            label: `热点预警（${hotspots.data?.length ?? 0}）`,
            children: (
              <AsyncView loading={hotspots.isLoading} error={hotspots.error} empty={!hotspots.data?.length} emptyText="没有未处理的热点">
                <Table<HotspotDto>
                  rowKey="id"
                  size="middle"
                  dataSource={hotspots.data}
                  pagination={{ pageSize: 20 }}
                  data-testid="hotspots"
                  columns={[
                    { title: '区域', dataIndex: 'area' },
                    { title: '问题', dataIndex: 'keywords', render: (k: string[]) => k.join('、') },
                    { title: '工单数', dataIndex: 'ticketCount' },
                    { title: '首件', dataIndex: 'firstAt', render: (v: string) => time(v) },
                    { title: '最近', dataIndex: 'lastAt', render: (v: string) => time(v) },
                    {
                      title: '工单',
                      key: 'tickets',
                      render: (_, h) => (
                        <Space wrap size={4}>
                          {h.tickets.slice(0, 8).map((x) => (
                            <Link key={x.ticketId} to={`/tickets/${x.ticketId}`}>
                              {x.no}
                            </Link>
                          ))}
                          {h.tickets.length > 8 && `等 ${h.tickets.length} 件`}
                        </Space>
                      ),
                    },
                    {
                      title: '操作',
                      key: 'ops',
                      render: (_, h) => (
                        <Button size="small" onClick={() => void act(`热点 ${h.area} 已关闭`, `/hotspots/${h.id}/close`, { version: h.version })}>
                          已处置，关闭
                        </Button>
                      ),
                    },
                  ]}
                />
              </AsyncView>
            ),
          },
          {
            key: 'returned',
            label: '退单待重新派单',
            children: <TicketTable query={returned} onQuery={(q) => setReturned({ ...q, status: 'returned' })} />,
          },
        ].filter((tab) => centre || tab.key === 'orders')}
      />
      <Modal
        open={deciding !== null}
        title={deciding?.approve ? `批准 ${deciding.ext.no} 延期 ${deciding.ext.hours} 小时` : `驳回 ${deciding?.ext.no ?? ''} 的延期申请`}
        okText="提交"
        cancelText="取消"
        onCancel={() => setDeciding(null)}
        // act() reports its own failure: nothing here rejects
        onOk={() =>
          void (async () => {
            if (!deciding) return;
            if (!deciding.approve && !note.trim()) {
              message.warning('驳回请填写意见');
              return;
            }
            const ok = await act(
              deciding.approve ? '已批准延期' : '已驳回延期',
              `/tickets/${deciding.ext.ticketId}/extension/${deciding.approve ? 'approve' : 'reject'}`,
              note.trim() ? { note: note.trim() } : {},
            );
            if (ok) setDeciding(null);
          })()
        }
      >
        <Input.TextArea rows={3} placeholder={deciding?.approve ? '意见（可选）' : '驳回意见（必填）'} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </Modal>
    </Card>
  );
}
