import { chineseShortDateTime, isChinesePhone } from '@hotline/domain';
import type { DuplicateCandidateDto, TicketUnderstoodPayload } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, List, Space, Typography, type FormInstance } from 'antd';

import { Link } from 'react-router';
import { post } from '../../../api/client';
import { keys } from '../../../api/queries';
import { StatusTag } from '../../../components/tags';
import { useDebounced } from '../../../components/use-debounced';
import type { IntakeValues } from '../validation';

const REASONS = { same_caller: '同一来电人（30 天内）', same_address: '同一地址（7 天内）' } as const;

/** 重复件提醒: open or recent tickets that look like the same problem; the agent merges the call into one or goes on. */
export function Duplicates({
  form,
  busy,
  onMerge,
  registered,
}: {
  form: FormInstance<IntakeValues>;
  busy: boolean;
  onMerge: (intoId: number) => void;
  registered?: { id: number; no: string } | null;
}) {
  const phone = useDebounced((Form.useWatch('callerPhone', form) ?? '').trim());
  const content = useDebounced((Form.useWatch('content', form) ?? '').trim());
  const address = useDebounced((Form.useWatch('address', form) ?? '').trim());
  const validPhone = isChinesePhone(phone);
  const q = useQuery({
    queryKey: ['duplicates', validPhone ? phone : '', content, address],
    queryFn: () => post<DuplicateCandidateDto[]>('/tickets/duplicates/check', { content, ...(validPhone ? { callerPhone: phone } : {}), ...(address ? { address } : {}) }),
    enabled: content.length >= 4 && (validPhone || address.length > 0),
    staleTime: 30_000,
  });
  const after = registered ? <Understood ticket={registered} /> : null;
  if (!q.data?.length) return after;
  return (
    <>
      {after}
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="duplicates"
        message="可能是重复来电：以下工单与本次诉求相似"
        description={
          <List
            size="small"
            dataSource={q.data}
            renderItem={(d) => (
              <List.Item
                key={d.ticketId}
                actions={[
                  <Button key="merge" size="small" loading={busy} onClick={() => onMerge(d.ticketId)} data-testid={`merge-into-${d.ticketId}`}>
                    登记并合并到此工单
                  </Button>,
                ]}
              >
                <Space direction="vertical" size={0}>
                  <Space wrap>
                    <Link to={`/tickets/${d.ticketId}`}>{d.no}</Link>
                    <StatusTag status={d.status} />
                    <Typography.Text strong>相似度 {Math.round(d.similarity * 100)}%</Typography.Text>
                    <Typography.Text type="secondary">{d.reasons.map((r) => REASONS[r]).join('、')}</Typography.Text>
                    <Typography.Text type="secondary">{chineseShortDateTime(d.createdAt)}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">{d.content.slice(0, 80)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        }
      />
    </>
  );
}

/**
 * After registering: what the service found about the ticket once it committed (repeat calls, the hotspot it raised or
 * joined), pushed live as `ticket.understood` (usually well within a second); nothing shows when it found nothing.
 */
function Understood({ ticket }: { ticket: { id: number; no: string } }) {
  // filled by the live connection (live.tsx); never fetched
  const { data } = useQuery<TicketUnderstoodPayload>({ queryKey: keys.understood(ticket.id), queryFn: () => new Promise(() => undefined), enabled: false });
  if (!data || (!data.possibleDuplicates.length && !data.hotspot)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable
      style={{ marginBottom: 16 }}
      data-testid="registered-understood"
      message={`工单 ${ticket.no} 已登记，登记后发现：`}
      description={
        <Space direction="vertical" size={4}>
          {data.hotspot && (
            <Typography.Text data-testid="registered-hotspot">
              已归入热点：{data.hotspot.area}（{data.hotspot.ticketCount} 件同类诉求{data.hotspot.keywords.length ? `：${data.hotspot.keywords.slice(0, 3).join('、')}` : ''}）
            </Typography.Text>
          )}
          {data.possibleDuplicates.map((d) => (
            <Space key={d.ticketId} wrap data-testid={`registered-duplicate-${d.ticketId}`}>
              <Typography.Text>可能重复：</Typography.Text>
              <Link to={`/tickets/${d.ticketId}`}>{d.no}</Link>
              <StatusTag status={d.status} />
              <Typography.Text strong>相似度 {Math.round(d.similarity * 100)}%</Typography.Text>
              <Typography.Text type="secondary">{d.reasons.map((r) => REASONS[r]).join('、')}</Typography.Text>
            </Space>
          ))}
          {data.possibleDuplicates.length > 0 && <Typography.Text type="secondary">可在工单详情中将其合并为重复件。</Typography.Text>}
        </Space>
      }
    />
  );
}
