import {
  SUPERVISION_KIND_LABELS,
  SUPERVISION_LEVEL_LABELS,
  SUPERVISION_STATUS_LABELS,
  type SupervisionDto,
  type SupervisionKind,
  type SupervisionLevel,
  type SupervisionStatus,
} from '@hotline/contracts';
import { Tag } from 'antd';
import type { Due } from './due';

const KIND_COLORS: Record<SupervisionKind, string> = { manual: 'blue', breach: 'red', dissatisfaction: 'magenta' };
const LEVEL_COLORS: Record<SupervisionLevel, string> = { centre: 'default', leader: 'volcano' };
const STATUS_COLORS: Record<SupervisionStatus, string> = { open: 'orange', responded: 'cyan', closed: 'green' };

export const KindTag = ({ kind }: { kind: SupervisionKind }) => <Tag color={KIND_COLORS[kind]}>{SUPERVISION_KIND_LABELS[kind]}</Tag>;
export const LevelTag = ({ level }: { level: SupervisionLevel }) => <Tag color={LEVEL_COLORS[level]}>{SUPERVISION_LEVEL_LABELS[level]}</Tag>;
export const OrderStatusTag = ({ status }: { status: SupervisionStatus }) => <Tag color={STATUS_COLORS[status]}>{SUPERVISION_STATUS_LABELS[status]}</Tag>;

/** An order's deadline: it stops once the department answered or the centre closed it; red once marked overdue. */
export function orderDue(o: Pick<SupervisionDto, 'dueAt' | 'createdAt' | 'status' | 'overdueAt'>): Due {
  return {
    dueAt: o.dueAt,
    since: o.createdAt,
    done: o.status === 'closed' ? '已办结' : o.status === 'responded' ? '已反馈' : null,
    overdue: o.overdueAt !== null,
  };
}
