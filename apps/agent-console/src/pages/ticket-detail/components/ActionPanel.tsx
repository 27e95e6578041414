import { CATEGORIES, CATEGORY_LABELS, SATISFACTIONS, SATISFACTION_LABELS, URGENCIES, URGENCY_LABELS, type DuplicateCandidateDto, type TicketDto } from '@hotline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, post } from '../../../api/client';
import { keys, useDepartments } from '../../../api/queries';
import { useUser } from '../../../auth/session';
import { actionsFor, CONSOLE_ACTION_LABELS, type ConsoleAction } from './actions';

/** Actions that need nothing but a click. */
const ONE_CLICK: ConsoleAction[] = ['accept'];

/** The actions the signed-in role may take now, each with the form it needs; a refusal shows the API's reason and keeps what was typed. */
export function ActionPanel({ ticket }: { ticket: TicketDto }) {
  const user = useUser();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const departments = useDepartments();
  const [open, setOpen] = useState<ConsoleAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const actions = actionsFor(user.role, ticket);
  const candidates = useQuery({
    queryKey: ['duplicates', ticket.id],
    queryFn: () => api<DuplicateCandidateDto[]>(`/tickets/${ticket.id}/duplicates`),
    enabled: open === 'merge',
  });

  const run = async (action: ConsoleAction, body: Record<string, unknown>) => {
    setBusy(true);
    try {
      const path = action === 'extension' ? `/tickets/${ticket.id}/extension` : `/tickets/${ticket.id}/${action}`;
      await post(path, action === 'extension' ? body : { ...body, version: ticket.version });
      message.success(`${CONSOLE_ACTION_LABELS[action]}成功`);
      setOpen(null);
      form.resetFields();
      await Promise.all([queries.invalidateQueries({ queryKey: keys.ticket(ticket.id) }), queries.invalidateQueries({ queryKey: keys.trail(ticket.id) })]);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!actions.length) return null;
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'accept' || a === 'reply' || a === 'dispatch' ? 'primary' : 'default'}
            loading={busy && open === a}
            data-testid={`action-${a}`}
            onClick={() => (ONE_CLICK.includes(a) ? void run(a, {}) : setOpen(a))}
          >
            {CONSOLE_ACTION_LABELS[a]}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? CONSOLE_ACTION_LABELS[open] : ''}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => run(open!, v))
            .catch(() => undefined)
        }
        forceRender
      >
        <Form form={form} layout="vertical" preserve>
          {open === 'dispatch' && (
            <Form.Item name="departmentId" label="承办部门" rules={[{ required: true, message: '请选择承办部门' }]}>
              <Select showSearch optionFilterProp="label" options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} data-testid="form-department" />
            </Form.Item>
          )}
          {open === 'redirect' && (
            <>
              <Form.Item name="departmentId" label="改派至" rules={[{ required: true, message: '请选择改派部门' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  data-testid="form-redirect-department"
                />
              </Form.Item>
              <Form.Item name="reason" label="改派理由" rules={[{ required: true, whitespace: true, message: '请填写改派理由' }, { max: 1000 }]}>
                <Input.TextArea rows={3} data-testid="form-redirect-reason" />
              </Form.Item>
              <Form.Item name="extendHours" label="延长时限（小时，不填则办理时限不变）">
                <InputNumber min={0.01} max={720} step={0.5} addonAfter="小时" />
              </Form.Item>
            </>
          )}
          {open === 'return' && (
            <Form.Item name="reason" label="退单理由" rules={[{ required: true, whitespace: true, message: '请填写退单理由' }, { max: 1000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {(open === 'reply' || open === 'resolve') && (
            <Form.Item name="reply" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, { max: 5000 }]}>
              <Input.TextArea rows={4} data-testid="form-reply" />
            </Form.Item>
          )}
          {open === 'callback' && (
            <>
              <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
                <Select options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} data-testid="form-satisfaction" />
              </Form.Item>
              <Form.Item name="note" label="回访记录" rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {open === 'merge' && (
            <Form.Item
              name="intoId"
              label="并入的原工单"
              rules={[{ required: true, message: '请选择或输入原工单 ID' }]}
              extra="列出同一来电人 30 天内、同一地址 7 天内的相似工单；也可直接输入工单 ID"
            >
              <Select
                showSearch
                allowClear
                loading={candidates.isLoading}
                data-testid="form-merge-into"
                options={(candidates.data ?? []).map((d) => ({ value: d.ticketId, label: `${d.no}（相似度 ${Math.round(d.similarity * 100)}%）${d.content.slice(0, 20)}` }))}
                onSearch={(v) => /^\d+$/.test(v) && form.setFieldValue('intoId', Number(v))}
              />
            </Form.Item>
          )}
          {open === 'urge' && (
            <Form.Item name="note" label="催办说明" rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          {open === 'reclassify' && (
            <>
              <Form.Item name="urgency" label="紧急程度">
                <Select allowClear options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
              </Form.Item>
              <Form.Item name="category" label="诉求类型">
                <Select allowClear options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </>
          )}
          {open === 'extension' && (
            <>
              <Form.Item name="hours" label="延长小时数" rules={[{ required: true, message: '请填写延长小时数' }]}>
                <InputNumber min={0.1} max={720} step={1} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }, { max: 1000 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
