import type { RankingHistoryDto } from '@hotline/contracts';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const label = (period: RankingHistoryDto['period'], from: string) => {
  const d = dayjs(from);
  if (period === 'week') return `${d.format('M月D日')}起`;
  if (period === 'quarter') return `${d.year()}年第${Math.floor(d.month() / 3) + 1}季度`;
  return d.format('YYYY年M月');
};

/** Each department's score over the periods of the history, one line each. */
export function ScoreChart({ history, names }: { history: RankingHistoryDto; names: (id: number) => string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return undefined;
    chart.current = echarts.init(el.current);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    // departments that had a score in some period: thirteen flat lines of nothing would hide the ones that did
    const ids = [...new Set(history.periods.flatMap((p) => p.items.filter((i) => i.score !== null).map((i) => i.departmentId)))].sort((a, b) => a - b);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 48, right: 24, top: 64, bottom: 32 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)}分` : '无数据') },
        legend: { type: 'scroll', top: 0 },
        xAxis: { type: 'category', data: history.periods.map((p) => label(history.period, p.from)) },
        yAxis: { type: 'value', min: 0, max: 100, name: '得分（分）' },
        series: ids.map((id) => ({
          type: 'line',
          name: names(id),
          connectNulls: false,
          symbolSize: 8,
          data: history.periods.map((p) => p.items.find((i) => i.departmentId === id)?.score ?? null),
        })),
      },
      true,
    );
  }, [history, names]);
  return <div ref={el} style={{ height: 360 }} data-testid="score-chart" />;
}
