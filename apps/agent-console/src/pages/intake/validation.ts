import { isChinesePhone } from '@hotline/domain';

/** The intake form's values as typed. */
export interface IntakeValues {
  callerPhone?: string;
  callerName?: string;
  content?: string;
  category?: string;
  address?: string;
  confidential?: boolean;
  urgency?: string;
  departmentId?: number;
  reply?: string;
  /** The knowledge-base article the reply was taken from. */
  articleId?: number;
  /** For a merge: the original ticket the call repeats. */
  mergeInto?: number;
  /** The service saw a risk it is not sure of (urgency.confirm): the agent must choose the urgency itself. */
  urgencyToConfirm?: boolean;
}

/** dispatch: to a department; resolve: answered on the call; merge: a repeat call joined to its original. */
export type IntakeMode = 'dispatch' | 'resolve' | 'merge';

/** What is wrong with the form for this way of finishing the call, field by field (empty: nothing). */
export function intakeProblems(v: IntakeValues, mode: IntakeMode): Partial<Record<keyof IntakeValues, string>> {
  const out: Partial<Record<keyof IntakeValues, string>> = {};
  const phone = v.callerPhone?.trim() ?? '';
  if (!phone) out.callerPhone = '请输入来电号码';
  else if (!isChinesePhone(phone)) out.callerPhone = '号码格式不正确（手机 11 位，座机如 0571-87654321）';
  const content = v.content?.trim() ?? '';
  if (!content) out.content = '请填写诉求内容';
  else if (content.length > 5000) out.content = '诉求内容不超过 5000 字';
  if ((v.callerName?.length ?? 0) > 64) out.callerName = '姓名不超过 64 字';
  if ((v.address?.length ?? 0) > 255) out.address = '地址不超过 255 字';
  if (mode === 'dispatch' && !v.departmentId) out.departmentId = '派单请选择承办部门';
  if (v.urgencyToConfirm && !v.urgency) out.urgency = '疑似特急：请确认紧急程度后再提交';
  if (mode === 'resolve') {
    if (!v.reply?.trim()) out.reply = '当场答复请填写答复内容';
    else if (v.reply.length > 5000) out.reply = '答复内容不超过 5000 字';
  }
  return out;
}
