import { URGENCIES, URGENCY_LABELS, type CatalogueMatterDto, type Urgency } from '@hotline/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, post, qs } from '../../api/client';
import { useDepartments } from '../../api/queries';
import { UrgencyTag } from '../../components/tags';

interface MatterForm {
  code: string;
  name: string;
  departmentId: number;
  urgency: Urgency | null;
  terms: string;
  phrasings: string;
  active: boolean;
}

const T = {
  title: '派单目录',
  add: '新增事项',
  search: '搜索事项、关键词或说法',
  dept: '承办部门',
  all: '全部部门',
  name: '事项',
  urgency: '默认紧急程度',
  none: '无',
  terms: '关键词',
  phrasings: '典型说法',
  confusable: '易混事项',
  active: '启用',
  ops: '操作',
  edit: '编辑',
  remove: '删除',
  removeAsk: '删除这个事项？',
  saved: '已保存',
  removed: '已删除',
  code: '编码',
  lines: '每行一个',
};
const lines = (s: string) =>
  s
    .split(/\n|，|,/)
    .map((x) => x.trim())
    .filter(Boolean);

/** 派单目录: the matters each department owns, their default urgency, terms and typical phrasings (admins edit). */
export default function CataloguePage() {
  const { message } = App.useApp();
  const departments = useDepartments();
  const client = useQueryClient();
  const [filter, setFilter] = useState<{ departmentId?: number; q?: string }>({});
  const [editing, setEditing] = useState<CatalogueMatterDto | 'new' | null>(null);
  const [form] = Form.useForm<MatterForm>();
  const list = useQuery({ queryKey: ['catalogue', filter], queryFn: () => api<CatalogueMatterDto[]>(`/catalogue/matters${qs(filter)}`) });
  const name = (id: number) => departments.data?.find((d) => d.id === id)?.name ?? '';
  const save = useMutation({
    mutationFn: (v: MatterForm) => {
      const body = { name: v.name, departmentId: v.departmentId, urgency: v.urgency ?? null, terms: lines(v.terms), phrasings: lines(v.phrasings ?? ''), active: v.active };
      return editing === 'new'
        ? post('/catalogue/matters', { ...body, code: v.code })
        : api(`/catalogue/matters/${(editing as CatalogueMatterDto).id}`, { method: 'PATCH', body: { ...body, version: (editing as CatalogueMatterDto).version } });
    },
    onSuccess: () => (message.success(T.saved), setEditing(null), client.invalidateQueries({ queryKey: ['catalogue'] })),
    onError: (e: Error) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/catalogue/matters/${id}`, { method: 'DELETE' }),
    onSuccess: () => (message.success(T.removed), client.invalidateQueries({ queryKey: ['catalogue'] })),
    onError: (e: Error) => message.error(e.message),
  });
  const open = (m: CatalogueMatterDto | 'new') => {
    setEditing(m);
    form.setFieldsValue(
      m === 'new'
        ? { code: '', name: '', terms: '', phrasings: '', urgency: null, active: true }
        : { code: m.code, name: m.name, departmentId: m.departmentId, urgency: m.urgency, terms: m.terms.join('\n'), phrasings: m.phrasings.join('\n'), active: m.active },
    );
  };
  return (
    <Card
      title={T.title}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={T.all}
            style={{ width: 180 }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            onChange={(v) => setFilter((f) => ({ ...f, departmentId: v }))}
            data-testid="catalogue-dept"
          />
          <Input.Search allowClear placeholder={T.search} style={{ width: 240 }} onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} data-testid="catalogue-search" />
          <Button type="primary" onClick={() => open('new')} data-testid="catalogue-add">
            {T.add}
          </Button>
        </Space>
      }
    >
      <Table<CatalogueMatterDto>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 项` }}
        columns={[
          { title: T.name, dataIndex: 'name', width: 160, render: (v: string, m) => (m.active ? v : <span style={{ color: '#999' }}>{v}（停用）</span>) },
          { title: T.dept, dataIndex: 'departmentId', width: 150, render: name },
          { title: T.urgency, dataIndex: 'urgency', width: 110, render: (u: Urgency | null) => (u ? <UrgencyTag urgency={u} /> : T.none) },
          { title: T.terms, dataIndex: 'terms', render: (t: string[]) => t.slice(0, 8).map((w) => <Tag key={w}>{w}</Tag>) },
          {
            title: T.confusable,
            dataIndex: 'confusable',
            width: 200,
            render: (c: CatalogueMatterDto['confusable']) => c.map((x) => `${x.name}→${name(x.departmentId)}`).join('；'),
          },
          {
            title: T.ops,
            key: 'ops',
            width: 120,
            render: (_, m) => (
              <Space>
                <a onClick={() => open(m)} data-testid={`catalogue-edit-${m.id}`}>
                  {T.edit}
                </a>
                <Popconfirm title={T.removeAsk} onConfirm={() => remove.mutate(m.id)}>
                  <a>{T.remove}</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? T.add : T.edit}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {editing === 'new' && (
            <Form.Item name="code" label={T.code} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,63}$/, message: '编码为 2-64 位小写字母、数字或短横线' }]}>
              <Input placeholder="utilities-gas-leak" />
            </Form.Item>
          )}
          <Form.Item name="name" label={T.name} rules={[{ required: true, max: 64, message: '请填写事项名称（不超过 64 字）' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="departmentId" label={T.dept} rules={[{ required: true, message: '请选择承办部门' }]}>
            <Select showSearch optionFilterProp="label" options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="urgency" label={T.urgency}>
            <Select allowClear placeholder={T.none} options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
          </Form.Item>
          <Form.Item name="terms" label={`${T.terms}（${T.lines}）`} rules={[{ required: true, message: '至少填写一个关键词' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="phrasings" label={`${T.phrasings}（${T.lines}）`}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="active" label={T.active} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
