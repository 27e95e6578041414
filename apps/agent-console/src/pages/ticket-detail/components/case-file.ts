import { ROLE_LABELS, SATISFACTION_LABELS, STATUS_LABELS, URGENCY_LABELS, CATEGORY_LABELS, type TicketEventDto } from '@hotline/contracts';
import { chineseDateTime, chineseDuration, chineseHours } from '@hotline/domain';
import { ACTION_LABELS } from '../../../components/labels';

/** A ticket the record points at: the original a repeat was merged into, the repeat merged into this one. */
export interface RelatedTicket {
  id: number;
  no: string | null;
  relation: string;
}

/** One line of the case file (一案一档): who, what, to whom, the details with their units, and related tickets. */
export interface CaseFileLine {
  what: string;
  when: string;
  who: string;
  to: string | null;
  statusChange: string | null;
  details: string[];
  related: RelatedTicket[];
}

type DeptName = (id: number | null) => string;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** 张伟（话务员 · 水电气公用事业）; the system and callers by what they are. */
export function actorOf(e: TicketEventDto, deptName: DeptName): string {
  if (e.actorRole === 'system' || (!e.actorRole && !e.actor)) return e.action === 'citizen_update' ? '市民' : '系统';
  const role = e.actorRole ? ROLE_LABELS[e.actorRole] : '';
  if (!e.actor) return role;
  const where = e.actor.departmentId != null ? deptName(e.actor.departmentId) : '热线中心';
  return `${e.actor.name}（${[role, where].filter(Boolean).join(' · ')}）`;
}

export function caseFileLine(e: TicketEventDto, deptName: DeptName): CaseFileLine {
  const d = e.data ?? {};
  const details: string[] = [];
  const related: RelatedTicket[] = [];
  const dept = num(d.departmentId);
  let to: string | null = null;
  switch (e.action) {
    case 'create':
      if (str(d.urgency)) details.push(`紧急程度：${URGENCY_LABELS[d.urgency as keyof typeof URGENCY_LABELS] ?? d.urgency}${d.urgencySource === 'classified' ? '（系统判定）' : ''}`);
      break;
    case 'dispatch':
      to = dept != null ? `派至 ${deptName(dept)}` : null;
      if (str(d.acceptDueAt)) details.push(`签收时限：${chineseDateTime(d.acceptDueAt as string)}前`);
      break;
    case 'accept':
      to = dept != null ? `${deptName(dept)}签收` : null;
      break;
    case 'return':
      to = dept != null ? `${deptName(dept)}退回热线中心` : null;
      if (str(d.reason)) details.push(`退单理由：${str(d.reason)}`);
      break;
    case 'reply':
    case 'resolve':
      if (str(d.reply)) details.push(`答复：${str(d.reply)}`);
      if (d.onTime === false) details.push('超期答复');
      if (d.article && typeof d.article === 'object') details.push(`引用知识库：${(d.article as { title?: string }).title ?? ''}`);
      break;
    case 'callback':
      if (str(d.satisfaction)) details.push(`满意度：${SATISFACTION_LABELS[d.satisfaction as keyof typeof SATISFACTION_LABELS] ?? d.satisfaction}`);
      if (d.reopened) {
        to = dept != null ? `退回 ${deptName(dept)}重办` : '重办';
        if (num(d.reopenCount) != null) details.push(`第 ${num(d.reopenCount)} 次重办`);
        if (str(d.dueAt)) details.push(`新时限：${chineseDateTime(d.dueAt as string)}`);
      }
      break;
    case 'urge':
      if (num(d.urgeCount) != null) details.push(`第 ${num(d.urgeCount)} 次催办`);
      break;
    case 'reclassify':
      if (str(d.urgency)) details.push(`紧急程度改为${URGENCY_LABELS[d.urgency as keyof typeof URGENCY_LABELS] ?? d.urgency}`);
      if (str(d.category)) details.push(`诉求类型改为${CATEGORY_LABELS[d.category as keyof typeof CATEGORY_LABELS] ?? d.category}`);
      if (str(d.dueAt)) details.push(`新时限：${chineseDateTime(d.dueAt as string)}`);
      break;
    case 'extension_requested':
      if (num(d.hours) != null) details.push(`申请延长 ${chineseHours(d.hours as number)}`);
      if (str(d.reason)) details.push(`理由：${str(d.reason)}`);
      break;
    case 'extension_approved':
      if (num(d.hours) != null) details.push(`延长 ${chineseHours(d.hours as number)}`);
      if (str(d.dueAt)) details.push(`新时限：${chineseDateTime(d.dueAt as string)}`);
      break;
    case 'extension_rejected':
      break;
    case 'sla_warning':
    case 'sla_breached':
    case 'accept_overdue':
      if (str(d.dueAt)) details.push(`${e.action === 'accept_overdue' ? '签收时限' : '办理时限'}：${chineseDateTime(d.dueAt as string)}`);
      if (e.action === 'accept_overdue' && dept != null) to = deptName(dept);
      break;
    case 'merge':
      if (num(d.duplicateOfId) != null) {
        related.push({ id: d.duplicateOfId as number, no: str(d.duplicateOfNo), relation: '合并到原工单' });
        to = `并入工单 ${str(d.duplicateOfNo) ?? num(d.duplicateOfId)}`;
      }
      break;
    case 'duplicate_merged':
      if (num(d.duplicateId) != null) {
        related.push({ id: d.duplicateId as number, no: str(d.duplicateNo), relation: '重复来电' });
        to = `重复来电工单 ${str(d.duplicateNo) ?? num(d.duplicateId)} 并入本工单`;
      }
      break;
    case 'citizen_update':
      if (str(d.description)) details.push(`补充：${str(d.description)}`);
      break;
  }
  if (str(d.note)) details.push(`备注：${str(d.note)}`);
  if (num(d.lateMs) != null && (d.lateMs as number) > 60_000) details.push(`晚于时限 ${chineseDuration(d.lateMs as number)}`);
  return {
    what: ACTION_LABELS[e.action] ?? '其他操作',
    when: chineseDateTime(e.at),
    who: actorOf(e, deptName),
    to,
    statusChange: e.toStatus && e.fromStatus !== e.toStatus ? `${e.fromStatus ? STATUS_LABELS[e.fromStatus] : '新建'} → ${STATUS_LABELS[e.toStatus]}` : null,
    details,
    related,
  };
}
