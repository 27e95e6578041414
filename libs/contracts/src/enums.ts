/** Enumerations of the public contract (shared/docs/api-contract.md). Values are wire values. */

export const URGENCIES = ['extra_urgent', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CATEGORIES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = ['registered', 'dispatched', 'accepted', 'returned', 'replied', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** Every status but `closed`: the ticket still has something left to do. */
export const OPEN_STATUSES: readonly TicketStatus[] = STATUSES.filter((s) => s !== 'closed');

export const SLA_STATES = ['on_track', 'warning', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const ROLES = ['agent', 'handler', 'supervisor', 'admin', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** Actions a person takes on a ticket: `POST /api/v1/tickets/:id/<action>`. */
export const TICKET_ACTIONS = ['dispatch', 'accept', 'return', 'reply', 'callback', 'resolve', 'urge', 'reclassify', 'merge', 'redirect'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** What the audit trail records: registration, the people's actions, and what the SLA clock does. */
export type AuditAction =
  | 'create'
  | TicketAction
  | 'sla_warning'
  | 'sla_breached'
  | 'accept_overdue'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  /** A citizen's follow-up from a civic app (Open311 servicerequestupdates). */
  | 'citizen_update'
  /** On the original: a repeat call (重复件) was merged into it. */
  | 'duplicate_merged'
  /** Tagged with an incident (专项) or untagged (data: incidentId, previousIncidentId). */
  | 'incident_tag'
  /** Supervision and accountability (contract section of that name). */
  | 'track'
  | 'follow_up'
  /** The tracker's follow-up interval passed without one (system). */
  | 'follow_up_missed'
  | 'supervise'
  | 'supervision_response'
  | 'supervision_close'
  /** An order's deadline passed: a centre order rises to the leaders, a leader's order is marked overdue (system). */
  | 'supervision_overdue'
  | 'assign_leader'
  | 'instruct';

/** Chinese labels, one place for the console and reports. */
export const URGENCY_LABELS: Record<Urgency, string> = { extra_urgent: '特急', urgent: '紧急', normal: '普通' };
export const CATEGORY_LABELS: Record<Category, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};
export const STATUS_LABELS: Record<TicketStatus, string> = {
  registered: '已登记',
  dispatched: '待签收',
  accepted: '办理中',
  returned: '已退单',
  replied: '待回访',
  closed: '已办结',
};
export const SLA_STATE_LABELS: Record<SlaState, string> = { on_track: '正常', warning: '即将超期', breached: '已超期' };
export const ROLE_LABELS: Record<Role, string> = { agent: '话务员', handler: '承办人', supervisor: '班长', admin: '管理员', leader: '领导' };
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
/** What each action is called when a message says it cannot be done now (无法派单, 无法签收, ...). */
export const ACTION_NAME_LABELS: Record<string, string> = {
  dispatch: '派单',
  accept: '签收',
  return: '退单',
  reply: '答复',
  callback: '回访',
  resolve: '当场答复办结',
  urge: '催办',
  reclassify: '调整分类',
  merge: '合并重复件',
  extension: '申请延期',
  decide_extension: '审批延期',
  update: '补充信息',
  redirect: '改派',
  track: '指定跟踪人',
  follow_up: '跟踪记录',
  supervise: '督办',
  supervision_response: '督办反馈',
  supervision_close: '督办办结',
  assign_leader: '领导包案',
  instruct: '领导阅批',
};

/** 督办单 (supervision orders): contract "Supervision and accountability". */
export const SUPERVISION_KINDS = ['manual', 'breach', 'dissatisfaction'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
export const SUPERVISION_LEVELS = ['centre', 'leader'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];
export const SUPERVISION_STATUSES = ['open', 'responded', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const FOLLOW_UP_CONTACTS = ['department', 'citizen'] as const;
export type FollowUpContact = (typeof FOLLOW_UP_CONTACTS)[number];

export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = { manual: '督办', breach: '超期督办', dissatisfaction: '不满意督查' };
export const SUPERVISION_LEVEL_LABELS: Record<SupervisionLevel, string> = { centre: '中心督办', leader: '领导督办' };
export const SUPERVISION_STATUS_LABELS: Record<SupervisionStatus, string> = { open: '待反馈', responded: '已反馈', closed: '已办结' };
export const FOLLOW_UP_CONTACT_LABELS: Record<FollowUpContact, string> = { department: '联系承办单位', citizen: '联系市民' };
