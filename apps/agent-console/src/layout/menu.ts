import type { ConsoleScreen, Role } from '@hotline/contracts';

export interface MenuEntry {
  path: ConsoleScreen;
  label: string;
  roles: readonly Role[];
}

/** The screens, and who sees each in the menu (and may open it). */
export const MENU: readonly MenuEntry[] = [
  { path: '/intake', label: '来电受理', roles: ['agent'] },
  { path: '/inbox', label: '部门待办', roles: ['handler'] },
  { path: '/callbacks', label: '回访', roles: ['agent'] },
  { path: '/wallboard', label: '监控大屏', roles: ['supervisor', 'admin'] },
  { path: '/leader', label: '我的包案', roles: ['leader'] },
  { path: '/supervision', label: '督办', roles: ['supervisor', 'admin', 'leader'] },
  { path: '/tracking', label: '我跟踪的', roles: ['agent', 'supervisor', 'leader'] },
  { path: '/backlog', label: '积案', roles: ['supervisor', 'admin', 'leader'] },
  { path: '/rankings', label: '赛马晾晒', roles: ['supervisor', 'admin'] },
  { path: '/warnings', label: '预警', roles: ['handler', 'supervisor', 'admin', 'leader'] },
  { path: '/incidents', label: '专项', roles: ['supervisor'] },
  { path: '/tickets', label: '工单', roles: ['agent', 'handler', 'supervisor', 'admin', 'leader'] },
  { path: '/catalogue', label: '派单目录', roles: ['admin'] },
];

export const menuFor = (role: Role) => MENU.filter((m) => m.roles.includes(role));
export const homeOf = (role: Role) => menuFor(role)[0].path;
