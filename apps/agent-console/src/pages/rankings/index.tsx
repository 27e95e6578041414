import {
  RANKING_WEIGHT_LABELS,
  RANKING_WEIGHT_NAMES,
  type RankingDto,
  type RankingHistoryDto,
  type RankingItemDto,
  type RankingPeriod,
  type RankingWeightName,
} from '@hotline/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../../api/client';
import { useDepartmentName } from '../../api/queries';
import { useUser } from '../../auth/session';
import { AsyncView } from '../../components/AsyncView';
import { Bulletins } from './components/Bulletins';
import { RankChange } from './components/RankChange';
import { ScoreChart } from './components/ScoreChart';
import { WeightsEditor } from './components/WeightsEditor';
import { percent, pieces, points, T } from './labels';

const PERIODS: RankingPeriod[] = ['week', 'month', 'quarter'];

/** A weighed figure's cell: 积案清零率 of a department without 积案 says so. */
const figure = (i: RankingItemDto, n: RankingWeightName) => (n === 'backlogClearedRate' && i.kpis[n].denominator === 0 ? T.noBacklog : percent(i.kpis[n].rate));

/** 赛马晾晒: departments ranked by weighted score, with the move since the period before and the last 12 periods. */
export default function RankingsPage() {
  const deptName = useDepartmentName();
  const user = useUser();
  const [period, setPeriod] = useState<RankingPeriod>('month');
  const [date, setDate] = useState<Dayjs | null>(null);
  const query = qs({ period, date: date?.format('YYYY-MM-DD') });
  const ranking = useQuery({ queryKey: ['rankings', period, query], queryFn: () => api<RankingDto>(`/rankings${query}`) });
  const history = useQuery({ queryKey: ['rankings-history', query], queryFn: () => api<RankingHistoryDto>(`/rankings/history${query}`) });
  const r = ranking.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={T.title}
        extra={
          <Space>
            <Segmented<RankingPeriod> options={PERIODS.map((p) => ({ value: p, label: T.period[p] }))} value={period} onChange={setPeriod} data-testid="ranking-period" />
            <DatePicker placeholder={T.date} value={date} onChange={setDate} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear />
          </Space>
        }
      >
        <AsyncView loading={ranking.isLoading} error={ranking.error}>
          {r && (
            <>
              <Typography.Paragraph type="secondary">
                {dayjs(r.from).format('YYYY年M月D日')}至{dayjs(r.to).subtract(1, 'ms').format('YYYY年M月D日')}，{T.asOf}
                {dayjs(r.asOf).format('M月D日 HH:mm')}。{T.weights}：
                {RANKING_WEIGHT_NAMES.map((n) => (
                  <Tag key={n}>
                    {RANKING_WEIGHT_LABELS[n]} {r.weights[n]}分
                  </Tag>
                ))}
              </Typography.Paragraph>
              <Table<RankingItemDto>
                rowKey="departmentId"
                size="middle"
                pagination={false}
                dataSource={r.items}
                data-testid="ranking-table"
                columns={[
                  { title: T.rank, dataIndex: 'rank', width: 80, render: (v: number) => `第${v}名` },
                  { title: T.department, dataIndex: 'departmentId', render: (id: number) => deptName(id) },
                  { title: T.score, dataIndex: 'score', render: (v: number | null) => <strong>{points(v)}</strong> },
                  { title: T.change, key: 'change', render: (_, i) => <RankChange rank={i.rank} previousRank={i.previousRank} /> },
                  ...RANKING_WEIGHT_NAMES.map((n) => ({ title: RANKING_WEIGHT_LABELS[n], key: n, render: (_: unknown, i: RankingItemDto) => figure(i, n) })),
                  { title: T.received, key: 'received', render: (_, i) => pieces(i.kpis.received) },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {T.scoreNote}
              </Typography.Paragraph>
            </>
          )}
        </AsyncView>
      </Card>
      <Card title={T.chart}>
        <AsyncView loading={history.isLoading} error={history.error}>
          {history.data && <ScoreChart history={history.data} names={deptName} />}
        </AsyncView>
      </Card>
      {user.role === 'admin' && <WeightsEditor />}
      <Bulletins period={period} date={date?.format('YYYY-MM-DD')} />
    </Space>
  );
}
