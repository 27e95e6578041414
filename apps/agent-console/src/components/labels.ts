import type { AuditAction } from '@hotline/contracts';

/** 一案一档: how each step of the record reads. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  create: '受理登记',
  dispatch: '派单',
  accept: '签收',
  return: '退单',
  reply: '答复',
  callback: '回访',
  resolve: '当场答复办结',
  urge: '催办',
  reclassify: '改派分类',
  sla_warning: '即将超期提醒',
  sla_breached: '超期',
  accept_overdue: '签收超时',
  extension_requested: '申请延期',
  extension_approved: '延期批准',
  extension_rejected: '延期驳回',
  citizen_update: '市民补充（网上渠道）',
  merge: '合并为重复件',
  duplicate_merged: '并入重复来电',
  incident_tag: '专项标记',
};
