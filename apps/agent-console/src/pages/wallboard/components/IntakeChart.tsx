import type { WallboardSnapshot } from '@hotline/contracts';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Tickets received per hour over the last 24 hours. */
export function IntakeChart({ hours }: { hours: WallboardSnapshot['intakeByHour'] }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return undefined;
    chart.current = echarts.init(el.current, 'dark');
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      backgroundColor: 'transparent',
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: hours.map((h) => `${new Date(h.hour).getHours()}时`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: '受理量', data: hours.map((h) => h.count), itemStyle: { color: '#1677ff' } }],
    });
  }, [hours]);
  return <div ref={el} style={{ height: 220 }} data-testid="intake-chart" />;
}
