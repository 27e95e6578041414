import {
  KPI_LABELS,
  RANKING_PERIOD_LABELS,
  RANKING_WEIGHT_LABELS,
  RANKING_WEIGHT_NAMES,
  type BulletinDto,
  type RankingItemDto,
  type RankingWeightName,
  type RateDto,
} from '@hotline/contracts';
import { shanghaiDate, shanghaiDateTime } from '@hotline/domain';
import { printablePage } from '../reports/printable';
import type { Table } from '../reports/report-files';

const pct = (r: RateDto) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
/**
 * A weighed figure's cell. 积案清零率 without 积案 (nothing to divide) says so; a bulletin issued before 积案清零率 was
 * ranked (kept as issued, never changed) has no such figure: 未统计.
 */
const figure = (i: RankingItemDto, n: RankingWeightName): string => {
  const r = i.kpis[n] as RateDto | undefined;
  if (!r) return '未统计';
  if (n === 'backlogClearedRate' && r.denominator === 0) return '无积案';
  return pct(r);
};
const pts = (v: number | null) => (v === null ? '无数据' : `${v.toFixed(2)}分`);
const move = (i: RankingItemDto) =>
  i.previousRank === null ? '上期无排名' : i.previousRank > i.rank ? `上升${i.previousRank - i.rank}名` : i.previousRank < i.rank ? `下降${i.rank - i.previousRank}名` : '持平';
const lastDay = (iso: string) => shanghaiDate(new Date(Date.parse(iso) - 1));

/** The bulletin as tables: XLSX sheets and the printable page's sections. */
export function bulletinTables(b: BulletinDto, deptName: (id: number | null) => string): Table[] {
  const rank = (name: string, items: RankingItemDto[]): Table => ({
    name,
    headers: ['名次', '部门', '综合得分', '名次变化', ...RANKING_WEIGHT_NAMES.map((n) => RANKING_WEIGHT_LABELS[n]), KPI_LABELS.received],
    widths: [8, 22, 12, 12, 12, 12, 10, 10, 12, 12, 10],
    rows: items.map((i) => [`第${i.rank}名`, deptName(i.departmentId), pts(i.score), move(i), ...RANKING_WEIGHT_NAMES.map((n) => figure(i, n)), `${i.kpis.received}件`]),
  });
  return [
    rank('综合排名', b.ranking.items),
    rank('排名前三', b.best),
    rank('排名后三', b.worst),
    {
      name: '超期与不满意件',
      headers: ['部门', '超期件', '红灯（超时）件', '不满意件'],
      widths: [22, 10, 14, 10],
      rows: b.departments.map((d) => [deptName(d.departmentId), `${d.overdue}件`, `${d.breached}件`, `${d.dissatisfied}件`]),
    },
    {
      name: '不满意工单',
      headers: ['工单号', '部门', '回访时间', '诉求内容'],
      widths: [18, 22, 17, 60],
      rows: b.dissatisfaction.map((d) => [d.no, deptName(d.departmentId), shanghaiDateTime(new Date(d.at)), d.content]),
    },
    {
      name: '热点问题',
      headers: ['区域', '关键词', '工单数', '发现时间'],
      widths: [20, 30, 10, 17],
      rows: b.hotspots.map((h) => [h.area, h.keywords.join('、'), `${h.ticketCount}件`, shanghaiDateTime(new Date(h.detectedAt))]),
    },
  ];
}

export function bulletinHtml(b: BulletinDto, deptName: (id: number | null) => string): string {
  const best = b.best.map((i) => `${deptName(i.departmentId)}（${pts(i.score)}）`).join('、') || '无';
  const worst = b.worst.map((i) => `${deptName(i.departmentId)}（${pts(i.score)}）`).join('、') || '无';
  // as issued: a bulletin from before 积案清零率 was weighed lists the weights it had
  const weights = RANKING_WEIGHT_NAMES.filter((n) => b.ranking.weights[n] !== undefined)
    .map((n) => `${RANKING_WEIGHT_LABELS[n]}${b.ranking.weights[n]}分`)
    .join('、');
  return printablePage(
    `12345热线办理情况通报`,
    `${b.no}　（${RANKING_PERIOD_LABELS[b.period]}度：${shanghaiDate(new Date(b.from))}至${lastDay(b.to)}）　${shanghaiDateTime(new Date(b.issuedAt))}印发`,
    [
      `本期排名前三：${best}。`,
      `本期排名后三：${worst}。`,
      `计分权重：${weights}（退单率、重复来电率按 1 − 比率计分；无数据的指标不计入，无积案的部门不计积案清零率）。`,
      `本期不满意工单${b.dissatisfaction.length}件，热点问题${b.hotspots.length}个。`,
    ],
    bulletinTables(b, deptName),
  );
}
