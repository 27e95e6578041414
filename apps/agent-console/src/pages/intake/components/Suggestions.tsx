import { URGENCY_LABELS, type ClassificationDto, type DepartmentDto } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Space, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { post } from '../../../api/client';
import { UrgencyTag } from '../../../components/tags';
import { useDebounced } from '../../../components/use-debounced';
import type { IntakeValues } from '../validation';

/** 智能建议: the service's urgency (with the rules that matched) and top departments, one click to take them. */
export function Suggestions({ form, departments }: { form: FormInstance<IntakeValues>; departments: DepartmentDto[] }) {
  const content = useDebounced((Form.useWatch('content', form) ?? '').trim());
  const address = useDebounced((Form.useWatch('address', form) ?? '').trim());
  const category = Form.useWatch('category', form);
  const q = useQuery({
    queryKey: ['classify', content, address, category],
    queryFn: () => post<ClassificationDto>('/classify', { content, ...(address ? { address } : {}), ...(category ? { category } : {}) }),
    enabled: content.length >= 4,
    staleTime: 60_000,
  });
  const chosen = Form.useWatch('urgency', form);
  const toConfirm = Boolean(q.data?.urgency.confirm);
  // a doubtful risk: the form refuses to register until the agent has chosen the urgency itself
  useEffect(() => form.setFieldValue('urgencyToConfirm', toConfirm), [form, toConfirm]);
  if (!q.data) return null;
  const { urgency, departments: suggested } = q.data;
  const name = (id: number) => departments.find((d) => d.id === id)?.name ?? `部门 ${id}`;
  return (
    <div style={{ margin: '-8px 0 16px', padding: '8px 12px', background: '#f6f8fa', borderRadius: 6 }} data-testid="suggestions">
      <Space wrap size={[8, 4]}>
        <Typography.Text type="secondary">建议紧急程度</Typography.Text>
        <Tooltip title={urgency.reasons.join('；')}>
          <span data-testid="suggest-urgency">
            <UrgencyTag urgency={urgency.value} />
          </span>
        </Tooltip>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {urgency.reasons[0]}
        </Typography.Text>
        {form.getFieldValue('urgency') !== urgency.value && (
          <Button size="small" type="link" onClick={() => form.setFieldValue('urgency', urgency.value)} data-testid="apply-urgency">
            采用{URGENCY_LABELS[urgency.value]}
          </Button>
        )}
      </Space>
      {urgency.confirm && !chosen && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 6 }}
          data-testid="confirm-urgency"
          message="疑似特急，请确认紧急程度"
          description={urgency.reasons.join('；')}
          action={
            <Space direction="vertical" size={4}>
              <Button size="small" danger onClick={() => form.setFieldValue('urgency', 'extra_urgent')} data-testid="confirm-extra-urgent">
                确认为特急
              </Button>
              {urgency.value !== 'extra_urgent' && (
                <Button size="small" onClick={() => form.setFieldValue('urgency', urgency.value)} data-testid="confirm-suggested">
                  确认为{URGENCY_LABELS[urgency.value]}
                </Button>
              )}
            </Space>
          }
        />
      )}
      <div style={{ marginTop: 4 }}>
        <Space wrap size={[8, 4]}>
          <Typography.Text type="secondary">建议承办部门</Typography.Text>
          {suggested.map((d) => (
            <Tooltip key={d.departmentId} title={d.reasons.join('；') || '按历史工单'}>
              <Tag.CheckableTag
                checked={form.getFieldValue('departmentId') === d.departmentId}
                onChange={() => form.setFieldValue('departmentId', d.departmentId)}
                data-testid={`suggest-dept-${d.code}`}
              >
                {name(d.departmentId)} {Math.round(d.score * 100)}%
              </Tag.CheckableTag>
            </Tooltip>
          ))}
        </Space>
      </div>
    </div>
  );
}
