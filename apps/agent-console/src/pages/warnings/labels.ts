import { WARNING_METRIC_LABELS, WARNING_STATUS_LABELS, type UserDto, type WarningDto, type WarningScope, type WarningStatus } from '@hotline/contracts';

/** The page's Chinese text, in one place. */
export const T = {
  title: '预警',
  scope: { department: '部门', area: '片区' } satisfies Record<WarningScope, string>,
  subject: '预警对象',
  metric: '指标',
  current: '本期',
  previous: '前期平均',
  growth: '增幅',
  periodStart: '统计期起始',
  issuedAt: '发出时间',
  status: '状态',
  ops: '操作',
  acknowledge: '签收',
  acknowledged: '预警已签收',
  all: '全部',
  note: '本期受理量或超期件较前几期平均值增长超过预警线时发出预警，每个部门、片区每项指标每期只发一次；部门签收后视为已知悉并着手处置。',
  empty: { open: '暂无待签收的预警', acknowledged: '暂无已签收的预警', all: '暂无预警' } satisfies Record<WarningStatus | 'all', string>,
  noBaseline: '前期为零',
} as const;

export { WARNING_METRIC_LABELS as METRIC_LABELS, WARNING_STATUS_LABELS as STATUS_LABELS };

/** A count with its unit; the baseline is an average, so it may have a decimal. */
export const pieces = (n: number) => `${Number(n.toFixed(1))}件`;

/** (current − previous) / previous as a percentage; null when the periods before had none. */
export const growthText = (g: number | null) => (g === null ? T.noBaseline : `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)}%`);

/** The department's name, or the area (片区) the hotspots are found by. */
export const subjectOf = (w: Pick<WarningDto, 'scope' | 'departmentId' | 'area'>, deptName: (id: number | null) => string) =>
  w.scope === 'area' ? (w.area ?? '') : deptName(w.departmentId);

/** 签收: the department's own handler, or a supervisor, while the warning is open (the API's rule). */
export function canAcknowledge(user: Pick<UserDto, 'role' | 'departmentId'>, w: Pick<WarningDto, 'status' | 'departmentId'>): boolean {
  if (w.status !== 'open') return false;
  if (user.role === 'supervisor') return true;
  return user.role === 'handler' && w.departmentId !== null && w.departmentId === user.departmentId;
}

/**
 * What the console says when `warning.issued` arrives, or null when it is not for this user: the department's handler
 * (asked to sign for it) and the centre's readers; agents cannot open the list.
 */
export function warningNotice(
  user: Pick<UserDto, 'role' | 'departmentId'>,
  w: WarningDto,
  deptName: (id: number | null) => string,
): { message: string; description: string } | null {
  if (user.role === 'agent') return null;
  if (user.role === 'handler' && (w.departmentId === null || w.departmentId !== user.departmentId)) return null;
  const growth = w.growth === null ? `${T.noBaseline}` : `增长 ${growthText(w.growth).replace('+', '')}`;
  return {
    message: `${T.title}：${T.scope[w.scope]}“${subjectOf(w, deptName)}”${WARNING_METRIC_LABELS[w.metric]}上升`,
    description: `本期 ${pieces(w.current)}，前期平均 ${pieces(w.previous)}，${growth}${canAcknowledge(user, w) ? '，请及时签收' : ''}`,
  };
}

/** A new warning at the top of a cached page-1 list it belongs in (open or all), once. */
export function withIssued(list: { items: WarningDto[]; total: number } | undefined, w: WarningDto): { items: WarningDto[]; total: number } | undefined {
  if (!list || list.items.some((x) => x.id === w.id)) return list;
  return { items: [w, ...list.items], total: list.total + 1 };
}
