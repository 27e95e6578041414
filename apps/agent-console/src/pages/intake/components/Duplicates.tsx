import { chineseShortDateTime, isChinesePhone } from '@hotline/domain';
import type { DuplicateCandidateDto } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, List, Space, Typography, type FormInstance } from 'antd';

import { Link } from 'react-router';
import { post } from '../../../api/client';
import { StatusTag } from '../../../components/tags';
import { useDebounced } from '../../../components/use-debounced';
import type { IntakeValues } from '../validation';

const REASONS = { same_caller: '同一来电人（30 天内）', same_address: '同一地址（7 天内）' } as const;

/** 重复件提醒: open or recent tickets that look like the same problem; the agent merges the call into one or goes on. */
export function Duplicates({ form, busy, onMerge }: { form: FormInstance<IntakeValues>; busy: boolean; onMerge: (intoId: number) => void }) {
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
  if (!q.data?.length) return null;
  return (
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
  );
}
