import type { IncidentDetailDto, IncidentDto, TemporaryAgentsDto } from '@hotline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, currentToken, post } from '../../api/client';
import { AsyncView } from '../../components/AsyncView';
import { IncidentBoard } from './components/IncidentBoard';
import { T } from './labels';

interface NewIncident {
  name: string;
  keywords: string[];
  slaHours?: number | null;
  banner?: string;
}

/** Opens the report's printable page (fetched with the token) in a new window and prints it. */
async function printReport(id: number): Promise<void> {
  const res = await fetch(`/api/v1/incidents/${id}/report?format=html`, { headers: { authorization: `Bearer ${currentToken()}` } });
  const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
  const w = window.open(url, '_blank');
  w?.addEventListener('load', () => w.print());
}

async function downloadXlsx(id: number): Promise<void> {
  const res = await fetch(`/api/v1/incidents/${id}/report?format=xlsx`, { headers: { authorization: `Bearer ${currentToken()}` } });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `专项总结-${id}.xlsx`;
  a.click();
}

/** 专项: open an incident, watch its board, make temporary agents, close it with its summary. */
export default function IncidentsPage() {
  const { message } = App.useApp();
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ['incidents'], queryFn: () => api<IncidentDto[]>('/incidents') });
  const [selected, setSelected] = useState<number | null>(null);
  const detail = useQuery({
    queryKey: ['incident', selected],
    queryFn: () => api<IncidentDetailDto>(`/incidents/${selected}`),
    enabled: selected !== null,
    refetchInterval: 10_000,
  });
  const [creating, setCreating] = useState(false);
  const [accounts, setAccounts] = useState<TemporaryAgentsDto | null>(null);
  const [form] = Form.useForm<NewIncident>();
  const refresh = () => Promise.all([queries.invalidateQueries({ queryKey: ['incidents'] }), queries.invalidateQueries({ queryKey: ['incident'] })]);

  const create = async () => {
    const v = await form.validateFields();
    try {
      const made = await post<IncidentDto>('/incidents', {
        name: v.name,
        keywords: v.keywords,
        ...(v.slaHours ? { slaHours: v.slaHours } : {}),
        ...(v.banner?.trim() ? { banner: v.banner.trim() } : {}),
      });
      message.success(T.saved);
      setCreating(false);
      form.resetFields();
      setSelected(made.id);
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={T.title}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="incident-create">
            {T.create}
          </Button>
        }
      >
        <AsyncView loading={list.isLoading} error={list.error} empty={!list.data?.length} emptyText="暂无专项">
          <Table<IncidentDto>
            rowKey="id"
            size="middle"
            dataSource={list.data}
            pagination={{ pageSize: 10 }}
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: T.name, dataIndex: 'name' },
              { title: '状态', dataIndex: 'status', render: (s: IncidentDto['status']) => <Tag color={s === 'open' ? 'red' : 'default'}>{T.status[s]}</Tag> },
              { title: T.startedAt, dataIndex: 'startedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
              { title: '关键词', dataIndex: 'keywords', render: (k: string[]) => k.join('、') },
              { title: '办理时限', dataIndex: 'slaHours', render: (h: number | null) => (h === null ? '按常规时限' : `${h}小时`) },
            ]}
          />
        </AsyncView>
      </Card>
      {selected !== null && (
        <Card
          title={`${T.board}${detail.data ? `：${detail.data.name}` : ''}`}
          extra={
            detail.data && (
              <Space>
                {detail.data.status === 'open' && (
                  <>
                    <Button
                      onClick={() => void act(async () => setAccounts(await post<TemporaryAgentsDto>(`/incidents/${selected}/agents`, { count: 5 })), '已生成5个临时话务员账号')}
                    >
                      {T.agents}
                    </Button>
                    <Popconfirm title={T.closeConfirm} onConfirm={() => void act(() => post(`/incidents/${selected}/close`, { version: detail.data.version }), T.closed)}>
                      <Button danger data-testid="incident-close">
                        {T.close}
                      </Button>
                    </Popconfirm>
                  </>
                )}
                <Button onClick={() => void printReport(selected)}>{T.print}</Button>
                <Button onClick={() => void downloadXlsx(selected)}>{T.xlsx}</Button>
              </Space>
            )
          }
        >
          <AsyncView loading={detail.isLoading} error={detail.error}>
            {detail.data && <IncidentBoard incident={detail.data} />}
          </AsyncView>
        </Card>
      )}
      <Modal title={T.create} open={creating} onOk={() => void create()} onCancel={() => setCreating(false)} okText="开启专项" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={T.name}
            rules={[
              { required: true, message: '请填写专项名称' },
              { max: 100, message: '专项名称不超过100个字' },
            ]}
          >
            <Input data-testid="incident-name" />
          </Form.Item>
          <Form.Item name="keywords" label={T.keywords} rules={[{ required: true, message: '请至少填写1个关键词' }]}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} data-testid="incident-keywords" />
          </Form.Item>
          <Form.Item name="slaHours" label={T.slaHours}>
            <InputNumber min={0.5} max={720} step={1} addonAfter="小时" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="banner" label={T.banner} rules={[{ max: 500, message: '提示不超过500个字' }]}>
            <Input.TextArea rows={3} data-testid="incident-banner-text" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="临时话务员账号（仅显示一次，请妥善转交）"
        open={accounts !== null}
        onOk={() => setAccounts(null)}
        onCancel={() => setAccounts(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Typography.Paragraph type="secondary">
          {accounts?.expiresAt ? `有效期至${dayjs(accounts.expiresAt).format('M月D日 HH:mm')}，` : ''}专项结束时自动停用。
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="username"
          pagination={false}
          dataSource={accounts?.accounts ?? []}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '初始密码', dataIndex: 'password' },
          ]}
        />
      </Modal>
    </Space>
  );
}
