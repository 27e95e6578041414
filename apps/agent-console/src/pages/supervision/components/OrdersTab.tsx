import { SUPERVISION_KINDS, SUPERVISION_KIND_LABELS, SUPERVISION_STATUSES, SUPERVISION_STATUS_LABELS, type SupervisionKind, type SupervisionStatus } from '@hotline/contracts';
import { Alert, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useDepartments, useOrders } from '../../../api/queries';
import { OrdersTable } from '../../../components/OrdersTable';

/** 督办单: every order (the unclosed first, by deadline) with its deadline, level, department and response; 办结督办 for a supervisor. */
export function OrdersTab() {
  const departments = useDepartments();
  const [status, setStatus] = useState<SupervisionStatus>();
  const [kind, setKind] = useState<SupervisionKind>();
  const [departmentId, setDepartmentId] = useState<number>();
  const orders = useOrders({ status, kind, departmentId });
  const total = orders.data?.total ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder="督办状态"
          style={{ width: 130 }}
          value={status}
          onChange={setStatus}
          data-testid="orders-status"
          options={SUPERVISION_STATUSES.map((s) => ({ value: s, label: SUPERVISION_STATUS_LABELS[s] }))}
        />
        <Select
          allowClear
          placeholder="督办类型"
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          data-testid="orders-kind"
          options={SUPERVISION_KINDS.map((k) => ({ value: k, label: SUPERVISION_KIND_LABELS[k] }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="承办部门"
          style={{ width: 200 }}
          value={departmentId}
          onChange={setDepartmentId}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Typography.Text type="secondary" data-testid="orders-total">
          共 {total} 件{total > (orders.data?.items.length ?? 0) ? `，显示前 ${orders.data?.items.length ?? 0} 件` : ''}
        </Typography.Text>
      </Space>
      {orders.error ? (
        <Alert type="error" showIcon message="加载失败" description={orders.error.message} />
      ) : (
        <OrdersTable orders={orders.data?.items ?? []} loading={orders.isLoading || orders.isFetching} show={{ ticket: true, department: true }} testId="supervision-orders" />
      )}
    </Space>
  );
}
