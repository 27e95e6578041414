import type { BacklogProgressDto, RankingPeriod } from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../../../api/client';
import { keys, useDepartmentName } from '../../../api/queries';
import { AsyncView } from '../../../components/AsyncView';
import { clearanceRate, progressTotal, rateText } from '../labels';

const PERIODS: Array<{ value: RankingPeriod; label: string }> = [
  { value: 'week', label: '按周' },
  { value: 'month', label: '按月' },
  { value: 'quarter', label: '按季度' },
];
const pieces = (n: number) => `${n} 件`;

/** 清零进度: per department, the backlog at the period's start, added, cleared and now, with the 清零率. */
export function ProgressCard() {
  const deptName = useDepartmentName();
  const [period, setPeriod] = useState<RankingPeriod>('month');
  const [date, setDate] = useState<Dayjs | null>(null);
  const query = qs({ period, date: date?.format('YYYY-MM-DD') });
  const progress = useQuery({ queryKey: [...keys.backlog, 'progress', query], queryFn: () => api<BacklogProgressDto[]>(`/backlog/progress${query}`) });
  const rows = (progress.data ?? []).filter((r) => r.atStart + r.added + r.now > 0);
  const total = progressTotal(progress.data ?? []);
  return (
    <Card
      title="积案清零进度"
      extra={
        <Space>
          <Segmented<RankingPeriod> options={PERIODS} value={period} onChange={setPeriod} data-testid="backlog-period" />
          <DatePicker placeholder="选择日期" value={date} onChange={setDate} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear />
        </Space>
      }
    >
      <AsyncView loading={progress.isLoading} error={progress.error}>
        <Typography.Paragraph type="secondary" data-testid="backlog-progress-total">
          全市期初积案 {pieces(total.atStart)}，本期新增 {pieces(total.added)}，清零 {pieces(total.cleared)}，现有 {pieces(total.now)}，清零率 {rateText(clearanceRate(total))}。
        </Typography.Paragraph>
        <Table<BacklogProgressDto>
          rowKey="departmentId"
          size="middle"
          pagination={false}
          dataSource={rows}
          data-testid="backlog-progress"
          locale={{ emptyText: '本期各部门均无积案' }}
          columns={[
            { title: '承办部门', dataIndex: 'departmentId', render: (d: number) => deptName(d) },
            { title: '期初积案', dataIndex: 'atStart', render: pieces },
            { title: '新增', dataIndex: 'added', render: pieces },
            { title: '清零', dataIndex: 'cleared', render: pieces },
            { title: '现有', dataIndex: 'now', render: pieces },
            { title: '清零率', key: 'rate', render: (_, r) => rateText(clearanceRate(r)) },
          ]}
        />
      </AsyncView>
    </Card>
  );
}
