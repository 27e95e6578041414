import type { TicketDto } from '@hotline/contracts';
import { App, Card, Col, Form, Row } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { post } from '../../api/client';
import { useDepartments } from '../../api/queries';
import { CallerHistory } from './components/CallerHistory';
import { IncidentBanner } from './components/IncidentBanner';
import { IntakeForm } from './components/IntakeForm';
import { KbPanel } from './components/KbPanel';
import type { IntakeMode, IntakeValues } from './validation';

export default function IntakePage() {
  const { message } = App.useApp();
  const departments = useDepartments();
  // taken from a ringing call (来电弹屏): the number is filled in and the ticket is linked to the call
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const paramPhone = params.get('phone');
  const [phone, setPhone] = useState<string | null>(paramPhone);
  useEffect(() => {
    if (paramPhone) setPhone(paramPhone); // a call taken while this screen was already open
  }, [paramPhone, callId]);
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<{ id: number; no: string } | null>(null);
  const [form] = Form.useForm<IntakeValues>();
  const submit = async (v: IntakeValues, mode: IntakeMode): Promise<boolean> => {
    setBusy(true);
    try {
      const ticket = await post<TicketDto>('/tickets', {
        callerPhone: v.callerPhone!.trim(),
        content: v.content!.trim(),
        category: v.category,
        urgency: v.urgency,
        confidential: Boolean(v.confidential),
        ...(v.callerName?.trim() ? { callerName: v.callerName.trim() } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(mode === 'dispatch' ? { departmentId: v.departmentId } : {}),
        ...(mode === 'merge' ? { departmentId: undefined } : {}),
        ...(callId ? { callId } : {}),
      });
      if (mode !== 'dispatch') {
        try {
          if (mode === 'resolve') await post(`/tickets/${ticket.id}/resolve`, { reply: v.reply!.trim(), ...(v.articleId ? { articleId: Number(v.articleId) } : {}) });
          else await post(`/tickets/${ticket.id}/merge`, { intoId: v.mergeInto });
        } catch (e) {
          // registered already: never register the call twice, finish it from the ticket instead
          message.warning(`工单 ${ticket.no} 已登记，但未能${mode === 'resolve' ? '办结' : '合并'}：${(e as Error).message}。请在工单详情中处理。`);
          return true;
        }
      }
      if (mode !== 'merge') setRegistered({ id: ticket.id, no: ticket.no });
      message.success(
        mode === 'resolve'
          ? `工单 ${ticket.no} 已当场答复并办结`
          : mode === 'merge'
            ? `工单 ${ticket.no} 已作为重复件合并`
            : `工单 ${ticket.no} 已${ticket.departmentId ? '派单' : '登记'}`,
      );
      setPhone(null);
      setParams({});
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Row gutter={24}>
      <Col span={24}>
        <IncidentBanner />
      </Col>
      <Col xs={24} lg={14}>
        <Card title="来电受理">
          <IntakeForm
            key={callId ?? 'walk-in'}
            form={form}
            departments={departments.data ?? []}
            busy={busy}
            onPhone={setPhone}
            onSubmit={submit}
            initialPhone={params.get('phone') ?? undefined}
            registered={registered}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="知识库" style={{ marginBottom: 16 }}>
          <KbPanel form={form} />
        </Card>
        <Card title="来电人历史">
          <CallerHistory phone={phone} />
        </Card>
      </Col>
    </Row>
  );
}
