import type { RankingPeriod } from '@hotline/contracts';

/** The page's Chinese text, in one place. */
export const T = {
  title: '赛马晾晒',
  bulletins: '通报',
  issue: '印发本期通报',
  issueConfirm: '通报印发后不可修改，确定按当前排名印发本期通报？',
  period: { week: '按周', month: '按月', quarter: '按季度' } satisfies Record<RankingPeriod, string>,
  date: '选择日期',
  rank: '名次',
  department: '部门',
  score: '综合得分',
  change: '名次变化',
  received: '受理量',
  chart: '近12期综合得分走势',
  weights: '计分权重',
  noScore: '无数据',
  newcomer: '上期无排名',
  same: '持平',
  asOf: '统计截至',
  scoreNote:
    '综合得分 = 各项指标按权重加权（退单率、重复来电率按 1 − 比率计分）；某项指标本期无数据时不计入，其权重也不计入。积案清零率 = 本期清零的积案 ÷（期初积案 + 本期新增积案），本期无积案的部门不计此项。同分时依次比较满意率、按期办结率、受理量，再按部门编号。',
  noBacklog: '无积案',
  weightsEdit: '计分权重设置',
  penalty: '（扣分项）',
  weightsSum: (sum: number) => `合计 ${sum}分（须为 100分）`,
  weightsSave: '保存权重',
  weightsSaved: '计分权重已保存，排名已按新权重计算',
} as const;

export const points = (v: number | null) => (v === null ? T.noScore : `${v.toFixed(2)}分`);
export const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const pieces = (n: number) => `${n}件`;
