import { CATEGORY_LABELS, type IncidentDetailDto } from '@hotline/contracts';
import { Col, Descriptions, Row, Statistic, Table } from 'antd';
import { useDepartmentName } from '../../../api/queries';

/** The incident's figures: totals, per department, per category. */
export function IncidentBoard({ incident }: { incident: IncidentDetailDto }) {
  const deptName = useDepartmentName();
  const b = incident.board;
  const rate = b.satisfactionRate.rate;
  return (
    <div data-testid="incident-board">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={4}>
          <Statistic title="受理量" value={b.total} suffix="件" />
        </Col>
        <Col span={4}>
          <Statistic title="在办" value={b.open} suffix="件" />
        </Col>
        <Col span={4}>
          <Statistic title="超期" value={b.overdue} suffix="件" valueStyle={{ color: b.overdue ? '#cf1322' : undefined }} />
        </Col>
        <Col span={4}>
          <Statistic title="已办结" value={b.closed} suffix="件" />
        </Col>
        <Col span={4}>
          <Statistic title="满意率" value={rate === null ? '无回访' : (rate * 100).toFixed(1)} suffix={rate === null ? '' : '%'} />
        </Col>
        <Col span={4}>
          <Statistic title="临时话务员" value={b.temporaryAgents.active} suffix={`/ ${b.temporaryAgents.total}人`} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Table
            size="small"
            rowKey={(d) => String(d.departmentId)}
            pagination={false}
            dataSource={b.byDepartment}
            columns={[
              { title: '承办部门', dataIndex: 'departmentId', render: (d: number | null) => deptName(d) },
              { title: '受理量', dataIndex: 'count', render: (n: number) => `${n}件` },
              { title: '在办', dataIndex: 'open', render: (n: number) => `${n}件` },
              { title: '超期', dataIndex: 'overdue', render: (n: number) => `${n}件` },
            ]}
          />
        </Col>
        <Col span={10}>
          <Descriptions size="small" column={1} bordered title="按诉求类型">
            {b.byCategory.map((c) => (
              <Descriptions.Item key={c.category} label={CATEGORY_LABELS[c.category]}>
                {c.count}件
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Col>
      </Row>
    </div>
  );
}
