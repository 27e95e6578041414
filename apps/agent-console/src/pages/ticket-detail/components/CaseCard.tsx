import { FOLLOW_UP_CONTACTS, FOLLOW_UP_CONTACT_LABELS, ROLE_LABELS, SUPERVISION_LEVELS, SUPERVISION_LEVEL_LABELS, type StaffDto, type TicketDto } from '@hotline/contracts';
import { chineseDateTime } from '@hotline/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { post } from '../../../api/client';
import { keys, useFollowUps, useInstructions, useStaff, useStaffName, useTicketSupervisions } from '../../../api/queries';
import { useUser } from '../../../auth/session';
import { DueCountdown } from '../../../components/DueCountdown';
import { OrdersTable } from '../../../components/OrdersTable';
import { CASE_ACTION_LABELS, caseActionsFor, type CaseAction } from '../../../components/supervision-actions';

const staffOption = (u: StaffDto) => ({ value: u.id, label: `${u.displayName}（${ROLE_LABELS[u.role]}）` });

/** 跟踪督办: the ticket's tracker and follow-ups, its 督办单, its leader (包案) and the leader's instructions (阅批). */
export function CaseCard({ ticket }: { ticket: TicketDto }) {
  const user = useUser();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const staff = useStaff();
  const name = useStaffName();
  const followUps = useFollowUps(ticket.id);
  const instructions = useInstructions(ticket.id);
  const orders = useTicketSupervisions(ticket.id);
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const actions = caseActionsFor(user, ticket);
  const people = (staff.data ?? []).filter((u) => u.active);
  const last = followUps.data?.at(-1);

  const run = async (action: CaseAction, v: Record<string, unknown>) => {
    const base = `/tickets/${ticket.id}`;
    const [path, body] =
      action === 'take'
        ? [`${base}/track`, { userId: user.id }]
        : action === 'assign_tracker'
          ? [`${base}/track`, { userId: v.userId }]
          : action === 'follow_up'
            ? [`${base}/follow-ups`, { contact: v.contact, note: v.note }]
            : action === 'supervise'
              ? [`${base}/supervisions`, { level: v.level, note: v.note || undefined, hours: v.hours ?? undefined }]
              : action === 'assign_leader'
                ? [`${base}/leader`, { leaderId: v.leaderId, note: v.note || undefined }]
                : [`${base}/instructions`, { text: v.text }];
    setBusy(true);
    try {
      await post(path, body);
      message.success(`${CASE_ACTION_LABELS[action]}成功`);
      setOpen(null);
      form.resetFields();
      await Promise.all(
        [keys.ticket(ticket.id), keys.trail(ticket.id), keys.followUps(ticket.id), keys.instructions(ticket.id), keys.supervisions, keys.tickets].map((queryKey) =>
          queries.invalidateQueries({ queryKey }),
        ),
      );
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Descriptions column={{ xs: 1, md: 2, lg: 4 }} bordered size="small" data-testid="case-people">
        <Descriptions.Item label="跟踪人">
          <span data-testid="case-tracker">{ticket.trackerId === null ? '未指定' : name(ticket.trackerId)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="下次跟踪">
          {ticket.followUpDueAt ? (
            <Space size={4}>
              <DueCountdown testId="case-follow-up-due" due={{ dueAt: ticket.followUpDueAt, since: last?.at ?? null, done: ticket.status === 'closed' ? '已办结' : null }} />
              <Typography.Text type="secondary">{chineseDateTime(ticket.followUpDueAt)}前</Typography.Text>
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="包案领导">
          <span data-testid="case-leader">{ticket.leaderId === null ? '未指定' : name(ticket.leaderId)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="超期记录">{ticket.breachCount} 次</Descriptions.Item>
      </Descriptions>
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          {actions.map((a) => (
            <Button
              key={a}
              data-testid={`case-${a}`}
              loading={busy && open === a}
              type={a === 'follow_up' || a === 'instruct' ? 'primary' : 'default'}
              onClick={() => (a === 'take' ? void run(a, {}) : (form.resetFields(), setOpen(a)))}
            >
              {CASE_ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        督办单（{orders.data?.total ?? 0} 件）
      </Typography.Title>
      <OrdersTable orders={orders.data?.items ?? []} loading={orders.isLoading} testId="case-orders" />
      <Row gutter={24} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>跟踪记录（{followUps.data?.length ?? 0} 次）</Typography.Title>
          <List
            size="small"
            bordered
            data-testid="case-follow-ups"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无跟踪记录" /> }}
            dataSource={[...(followUps.data ?? [])].reverse()}
            renderItem={(f) => (
              <List.Item data-testid="follow-up-item">
                <Space direction="vertical" size={0}>
                  <Space size={4} wrap>
                    <Tag color={f.contact === 'department' ? 'blue' : 'green'}>{FOLLOW_UP_CONTACT_LABELS[f.contact]}</Tag>
                    <b>{name(f.userId)}</b>
                    <Typography.Text type="secondary">{chineseDateTime(f.at)}</Typography.Text>
                  </Space>
                  <span>{f.note}</span>
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>领导阅批（{instructions.data?.length ?? 0} 条）</Typography.Title>
          <List
            size="small"
            bordered
            data-testid="case-instructions"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无领导阅批" /> }}
            dataSource={[...(instructions.data ?? [])].reverse()}
            renderItem={(i) => (
              <List.Item data-testid="instruction-item">
                <Space direction="vertical" size={0}>
                  <Space size={4} wrap>
                    <b>{name(i.userId)}</b>
                    <Typography.Text type="secondary">{chineseDateTime(i.at)}</Typography.Text>
                  </Space>
                  <span>{i.text}</span>
                </Space>
              </List.Item>
            )}
          />
        </Col>
      </Row>
      <Modal
        open={open !== null}
        title={open ? CASE_ACTION_LABELS[open] : ''}
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
        <Form form={form} layout="vertical" preserve initialValues={{ contact: 'department', level: 'centre' }}>
          {open === 'assign_tracker' && (
            <Form.Item name="userId" label="跟踪人" rules={[{ required: true, message: '请选择跟踪人' }]} extra="可指定话务员、班长或领导，跟踪人须按时记录跟踪情况">
              <Select showSearch optionFilterProp="label" loading={staff.isLoading} options={people.map(staffOption)} data-testid="form-tracker" />
            </Form.Item>
          )}
          {open === 'follow_up' && (
            <>
              <Form.Item name="contact" label="跟踪方式" rules={[{ required: true, message: '请选择跟踪方式' }]}>
                <Select options={FOLLOW_UP_CONTACTS.map((c) => ({ value: c, label: FOLLOW_UP_CONTACT_LABELS[c] }))} data-testid="form-follow-up-contact" />
              </Form.Item>
              <Form.Item name="note" label="跟踪情况" rules={[{ required: true, whitespace: true, message: '请填写跟踪情况' }, { max: 1000 }]}>
                <Input.TextArea rows={3} data-testid="form-follow-up-note" />
              </Form.Item>
            </>
          )}
          {open === 'supervise' && (
            <>
              <Form.Item name="level" label="督办级别" rules={[{ required: true, message: '请选择督办级别' }]}>
                <Select options={SUPERVISION_LEVELS.map((l) => ({ value: l, label: SUPERVISION_LEVEL_LABELS[l] }))} data-testid="form-supervise-level" />
              </Form.Item>
              <Form.Item name="hours" label="反馈时限（小时，不填则按紧急程度默认）">
                <InputNumber min={0.01} max={720} step={0.5} addonAfter="小时" data-testid="form-supervise-hours" />
              </Form.Item>
              <Form.Item name="note" label="督办要求" rules={[{ max: 1000 }]}>
                <Input.TextArea rows={3} data-testid="form-supervise-note" />
              </Form.Item>
            </>
          )}
          {open === 'assign_leader' && (
            <>
              <Form.Item name="leaderId" label="包案领导" rules={[{ required: true, message: '请选择包案领导' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={staff.isLoading}
                  options={people.filter((u) => u.role === 'leader').map(staffOption)}
                  data-testid="form-leader"
                />
              </Form.Item>
              <Form.Item name="note" label="说明" rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {open === 'instruct' && (
            <Form.Item name="text" label="阅批意见" rules={[{ required: true, whitespace: true, message: '请填写阅批意见' }, { max: 2000 }]}>
              <Input.TextArea rows={4} data-testid="form-instruction" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
