import { SLA_STATES, SLA_STATE_LABELS, STATUSES, STATUS_LABELS, URGENCIES, URGENCY_LABELS, type TicketListQuery } from '@hotline/contracts';
import { Card, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useDepartments } from '../../api/queries';
import { useUser } from '../../auth/session';
import { TicketTable } from '../../components/TicketTable';

export default function TicketsPage() {
  const user = useUser();
  const departments = useDepartments();
  const [query, setQuery] = useState<TicketListQuery>({ page: 1, pageSize: 20 });
  const set = (patch: Partial<TicketListQuery>) => setQuery({ ...query, ...patch, page: 1 });
  return (
    <Card title="工单">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          onChange={(status) => set({ status })}
        />
        <Select
          allowClear
          placeholder="紧急程度"
          style={{ width: 120 }}
          options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
          onChange={(urgency) => set({ urgency })}
        />
        {user.role !== 'handler' && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="承办部门"
            style={{ width: 200 }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            onChange={(departmentId) => set({ departmentId })}
          />
        )}
        <Select
          allowClear
          placeholder="SLA 状态"
          style={{ width: 120 }}
          options={SLA_STATES.map((s) => ({ value: s, label: SLA_STATE_LABELS[s] }))}
          onChange={(slaState) => set({ slaState })}
        />
        <Input.Search
          allowClear
          placeholder={user.role === 'handler' ? '工单号、内容、地址' : '工单号、内容、地址、来电号码'}
          style={{ width: 260 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
      </Space>
      <TicketTable query={query} onQuery={setQuery} />
    </Card>
  );
}
