import {
  FOLLOW_UP_CONTACT_LABELS,
  ROLE_LABELS,
  SATISFACTION_LABELS,
  SUPERVISION_KIND_LABELS,
  SUPERVISION_LEVEL_LABELS,
  SUPERVISION_STATUS_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
  CATEGORY_LABELS,
  type TicketEventDto,
} from '@hotline/contracts';
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
type PersonName = (id: number | null) => string;

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

export function caseFileLine(e: TicketEventDto, deptName: DeptName, personName: PersonName = (id) => (id === null ? '—' : `用户 ${id}`)): CaseFileLine {
  const d = e.data ?? {};
  const details: string[] = [];
  const related: RelatedTicket[] = [];
  const dept = num(d.departmentId);
  let to: string | null = null;
  switch (e.action) {
    case 'create':
      if (str(d.urgency))
        details.push(`紧急程度：${URGENCY_LABELS[d.urgency as keyof typeof URGENCY_LABELS] ?? d.urgency}${d.urgencySource === 'classified' ? '（系统判定）' : ''}`);
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
    case 'redirect':
      to = dept != null ? `改派至 ${deptName(dept)}` : null;
      if (num(d.from) != null) details.push(`原承办部门：${deptName(d.from as number)}`);
      if (str(d.reason)) details.push(`改派理由：${str(d.reason)}`);
      if (num(d.extendHours) != null) details.push(`延长 ${chineseHours(d.extendHours as number)}`);
      if (str(d.dueAt)) details.push(`新时限：${chineseDateTime(d.dueAt as string)}`);
      break;
    case 'track':
      if (num(d.trackerId) != null) to = `跟踪人：${personName(d.trackerId as number)}${d.automatic ? '（特急工单自动指定）' : ''}`;
      if (num(d.previousTrackerId) != null) details.push(`原跟踪人：${personName(d.previousTrackerId as number)}`);
      break;
    case 'follow_up':
      if (str(d.contact)) details.push(`跟踪方式：${FOLLOW_UP_CONTACT_LABELS[d.contact as keyof typeof FOLLOW_UP_CONTACT_LABELS] ?? d.contact}`);
      if (str(d.note)) details.push(`跟踪情况：${str(d.note)}`);
      break;
    case 'follow_up_missed':
      if (num(d.trackerId) != null) to = `跟踪人：${personName(d.trackerId as number)}`;
      if (str(d.dueAt)) details.push(`应跟踪时间：${chineseDateTime(d.dueAt as string)}`);
      break;
    case 'supervise':
    case 'supervision_response':
    case 'supervision_close':
    case 'supervision_overdue':
      if (str(d.kind)) details.push(`督办类型：${SUPERVISION_KIND_LABELS[d.kind as keyof typeof SUPERVISION_KIND_LABELS] ?? d.kind}`);
      if (str(d.level)) details.push(`督办级别：${SUPERVISION_LEVEL_LABELS[d.level as keyof typeof SUPERVISION_LEVEL_LABELS] ?? d.level}`);
      if (d.level && typeof d.level === 'object') details.push('逾期未反馈，由中心督办升级为领导督办');
      if (d.overdue === true) details.push('领导督办逾期未反馈');
      if (str(d.dueAt)) details.push(`督办时限：${chineseDateTime(d.dueAt as string)}`);
      if (str(d.response)) details.push(`反馈：${str(d.response)}`);
      if (d.byReply) details.push('以答复内容反馈');
      if (e.action === 'supervision_close' && str(d.from)) details.push(`办结时状态：${SUPERVISION_STATUS_LABELS[d.from as keyof typeof SUPERVISION_STATUS_LABELS] ?? d.from}`);
      if (e.action === 'supervise' && dept != null) to = `督办 ${deptName(dept)}`;
      break;
    case 'assign_leader':
      if (num(d.leaderId) != null) to = `包案领导：${personName(d.leaderId as number)}`;
      break;
    case 'instruct':
      if (str(d.text)) details.push(`阅批意见：${str(d.text)}`);
      break;
    case 'citizen_update':
      if (str(d.description)) details.push(`补充：${str(d.description)}`);
      break;
  }
  if (str(d.note) && e.action !== 'follow_up') details.push(`备注：${str(d.note)}`);
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
