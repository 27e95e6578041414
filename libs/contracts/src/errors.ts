import { ACTION_NAME_LABELS, ROLE_LABELS, STATUS_LABELS, SUPERVISION_STATUS_LABELS, type Role, type SupervisionStatus, type TicketStatus } from './enums';

/**
 * Every error the API answers carries one of these stable codes (contract, "Errors"). Clients branch on the code and
 * show their own text for it; `message` is that text in Chinese (or English when the request asks for it).
 */
export const ERROR_CODES = [
  // 400: the request itself
  'FIELD_REQUIRED',
  'FIELD_INVALID',
  'FIELD_TYPE',
  'FIELD_TOO_SHORT',
  'FIELD_TOO_LONG',
  'FIELD_TOO_SMALL',
  'FIELD_TOO_LARGE',
  'FIELD_NOT_ALLOWED_VALUE',
  'FIELD_TOO_MANY',
  'FIELD_UNKNOWN',
  'REFERENCE_NOT_FOUND',
  'BODY_NOT_OBJECT',
  'MALFORMED_JSON',
  'JSON_TOO_DEEP',
  // 401
  'UNAUTHENTICATED',
  'LOGIN_FAILED',
  'TOKEN_EXPIRED',
  'SESSION_ENDED',
  // 403
  'FORBIDDEN_ROLE',
  'NOT_TRACKER',
  'NOT_CASE_OWNER',
  // 404 / 405
  'NOT_FOUND',
  'TICKET_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  // 409
  'TICKET_STATUS_CONFLICT',
  'VERSION_CONFLICT',
  'CONCURRENT_CHANGE',
  'ALREADY_EXISTS',
  'EXTENSION_PENDING',
  'SUPERVISION_OPEN_EXISTS',
  'SUPERVISION_STATUS_CONFLICT',
  'TICKET_ARCHIVED',
  'CONFLICT',
  // 413 / 415 / 422 / 429
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'IDEMPOTENCY_KEY_REUSED',
  'UNPROCESSABLE',
  'RATE_LIMITED',
  'ACCOUNT_LOCKED',
  // 5xx
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // any other status
  'REQUEST_FAILED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code comes with. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  FIELD_REQUIRED: 400,
  FIELD_INVALID: 400,
  FIELD_TYPE: 400,
  FIELD_TOO_SHORT: 400,
  FIELD_TOO_LONG: 400,
  FIELD_TOO_SMALL: 400,
  FIELD_TOO_LARGE: 400,
  FIELD_NOT_ALLOWED_VALUE: 400,
  FIELD_TOO_MANY: 400,
  FIELD_UNKNOWN: 400,
  REFERENCE_NOT_FOUND: 400,
  BODY_NOT_OBJECT: 400,
  MALFORMED_JSON: 400,
  JSON_TOO_DEEP: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  TOKEN_EXPIRED: 401,
  SESSION_ENDED: 401,
  FORBIDDEN_ROLE: 403,
  NOT_TRACKER: 403,
  NOT_CASE_OWNER: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TICKET_STATUS_CONFLICT: 409,
  VERSION_CONFLICT: 409,
  CONCURRENT_CHANGE: 409,
  ALREADY_EXISTS: 409,
  EXTENSION_PENDING: 409,
  TICKET_ARCHIVED: 409,
  SUPERVISION_OPEN_EXISTS: 409,
  SUPERVISION_STATUS_CONFLICT: 409,
  CONFLICT: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  REQUEST_FAILED: 400,
};

/** One offending field of a validation error. */
export interface FieldError {
  field: string;
  /** the field's Chinese label (FIELD_LABELS), or the field's name when it has none */
  label: string;
  code: ErrorCode;
  /** class-validator's constraint name (isString, maxLength, whitelistValidation, ...) */
  constraint?: string;
  limit?: number;
  allowed?: string[];
  /** the validator's own (English) words */
  reason?: string;
}

/** The parameters an error carries; which ones depends on the code. */
export interface ErrorDetails {
  field?: string;
  label?: string;
  fields?: FieldError[];
  limit?: number;
  allowed?: string[];
  value?: string | number;
  /** ticket status conflicts: the ticket, its status, the action, the statuses it needs */
  no?: string;
  status?: string;
  action?: string;
  from?: string[];
  /** version conflicts */
  version?: number;
  currentVersion?: number;
  /** wrong role */
  role?: string;
  roles?: string[];
  /** 404: what was looked for */
  resource?: string;
  id?: string | number;
  retryAfterSeconds?: number;
  /** unavailable: which dependency */
  dependency?: 'mysql' | 'redis' | (string & {});
  /** the original (English) words of an error the service raised without a code of its own */
  reason?: string;
}

/** Every error body of the API (Open311 keeps its own). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  /** Chinese unless Accept-Language prefers English; validation errors: one entry per offending field */
  message: string | string[];
  code: ErrorCode;
  details?: ErrorDetails;
}

/** The Chinese name of every field a request may carry, for validation messages (one table for API and console). */
export const FIELD_LABELS: Record<string, string> = {
  acceptLimitHours: '签收时限',
  active: '启用状态',
  address: '地址',
  articleId: '知识库文章',
  at: '时间',
  body: '正文',
  calendarId: '工作日历',
  callId: '通话编号',
  caller: '来电号码',
  callerName: '来电人姓名',
  callerPhone: '来电号码',
  category: '诉求类型',
  code: '编码',
  confidential: '保密',
  confusable: '易混部门',
  content: '诉求内容',
  context: '使用场景',
  currentPassword: '当前密码',
  date: '日期',
  departmentId: '承办部门',
  description: '说明',
  displayName: '姓名',
  enum: '取值',
  epoch: '起始时间',
  event: '事件',
  extension: '分机号',
  format: '格式',
  hint: '提示',
  holidays: '节假日',
  hours: '小时数',
  id: '编号',
  'Idempotency-Key': '幂等键',
  includeExpired: '包含过期',
  intoId: '原工单',
  kind: '类型',
  label: '名称',
  limit: '条数',
  makeUpDays: '调休上班日',
  makeUpPeriods: '调休时段',
  name: '名称',
  newPassword: '新密码',
  note: '备注',
  page: '页码',
  pageSize: '每页条数',
  password: '密码',
  pattern: '匹配规则',
  phone: '电话号码',
  phrasings: '常见说法',
  q: '搜索词',
  reason: '原因',
  refreshToken: '刷新令牌',
  reply: '答复内容',
  resolutionHours: '办结时限',
  role: '角色',
  satisfaction: '满意度',
  since: '起始序号',
  slaState: '时限状态',
  status: '状态',
  tags: '标签',
  target: '目标',
  terms: '关键词',
  title: '标题',
  urgency: '紧急程度',
  username: '用户名',
  validFrom: '生效日期',
  validTo: '失效日期',
  version: '版本号',
  warningRatio: '预警比例',
  week: '周',
  weekdays: '工作日',
};

/** The label of a field path (`confusable.0.departmentId` reads as 易混部门 · 承办部门). */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const labels = parts.map((p) => FIELD_LABELS[p]);
  return labels.every(Boolean) && labels.length ? labels.join('·') : path;
}

type Lang = 'zh' | 'en';

const statusZh = (s?: string) => (s && STATUS_LABELS[s as TicketStatus]) || '未知状态';
const roleZh = (r?: string) => (r && ROLE_LABELS[r as Role]) || '当前角色';
const actionZh = (a?: string) => (a && ACTION_NAME_LABELS[a]) || '此操作';
const label = (d: ErrorDetails) => d.label ?? (d.field ? fieldLabel(d.field) : '字段');
const ticket = (d: ErrorDetails) => (d.no ? `工单 ${d.no} ` : '工单');

/** Chinese text of every code: what the API sends and what the console shows. */
export const ERROR_MESSAGES_ZH: Record<ErrorCode, (d: ErrorDetails) => string> = {
  FIELD_REQUIRED: (d) => `请填写${label(d)}`,
  FIELD_INVALID: (d) => `${label(d)}格式不正确`,
  FIELD_TYPE: (d) => `${label(d)}的类型不正确`,
  FIELD_TOO_SHORT: (d) => (d.limit != null ? `${label(d)}至少需要 ${d.limit} 个字` : `${label(d)}太短`),
  FIELD_TOO_LONG: (d) => (d.limit != null ? `${label(d)}不能超过 ${d.limit} 个字` : `${label(d)}太长`),
  FIELD_TOO_SMALL: (d) => (d.limit != null ? `${label(d)}不能小于 ${d.limit}` : `${label(d)}太小`),
  FIELD_TOO_LARGE: (d) => (d.limit != null ? `${label(d)}不能大于 ${d.limit}` : `${label(d)}太大`),
  FIELD_NOT_ALLOWED_VALUE: (d) => `${label(d)}的取值不在允许范围内`,
  FIELD_TOO_MANY: (d) => (d.limit != null ? `${label(d)}最多 ${d.limit} 项` : `${label(d)}项数过多`),
  FIELD_UNKNOWN: (d) => `不接受字段“${d.field ?? ''}”`,
  REFERENCE_NOT_FOUND: (d) => `所选${label(d)}不存在`,
  BODY_NOT_OBJECT: () => '请求内容须为 JSON 对象',
  MALFORMED_JSON: () => '请求内容不是有效的 JSON',
  JSON_TOO_DEEP: (d) => `请求内容嵌套超过 ${d.limit ?? 32} 层`,
  UNAUTHENTICATED: () => '未登录或登录已失效，请重新登录',
  LOGIN_FAILED: () => '用户名或密码错误',
  TOKEN_EXPIRED: () => '登录已过期，请重新登录',
  SESSION_ENDED: () => '会话已结束（账号已变更、停用或已退出），请重新登录',
  FORBIDDEN_ROLE: (d) => (d.roles?.length ? `${roleZh(d.role)}无权执行此操作，仅限${d.roles.map(roleZh).join('、')}` : `${roleZh(d.role)}无权执行此操作`),
  NOT_TRACKER: (d) => `只有${ticket(d)}的跟踪人或班长可以记录跟踪情况`,
  NOT_CASE_OWNER: (d) => `${ticket(d)}不是您的包案，领导只能对分配给自己的案件作出阅批`,
  NOT_FOUND: () => '未找到所请求的记录',
  TICKET_NOT_FOUND: (d) => `工单${d.id != null ? ` ${d.id} ` : ''}不存在或不在本部门`,
  METHOD_NOT_ALLOWED: () => '不支持此请求方法',
  TICKET_STATUS_CONFLICT: (d) =>
    `${ticket(d)}当前为“${statusZh(d.status)}”，无法${actionZh(d.action)}` + (d.from?.length ? `（仅限“${d.from.map(statusZh).join('”或“')}”状态）` : ''),
  VERSION_CONFLICT: (d) =>
    `${ticket(d)}已被他人更新${d.status ? `，现为“${statusZh(d.status)}”` : d.currentVersion != null ? `（当前版本 ${d.currentVersion}）` : ''}，请刷新后重试`,
  CONCURRENT_CHANGE: () => '记录刚被他人修改，请刷新后重试',
  ALREADY_EXISTS: (d) => (d.field ? `${label(d)}已存在` : '记录已存在'),
  EXTENSION_PENDING: (d) => `${ticket(d)}已有待审批的延期申请`,
  TICKET_ARCHIVED: (d) => `${ticket(d)}已办结归档，只能查看，不能再办理；如需继续处理，请重新登记工单`,
  SUPERVISION_OPEN_EXISTS: (d) => `${ticket(d)}已有未办结的督办单，请先办结后再发起督办`,
  SUPERVISION_STATUS_CONFLICT: (d) =>
    `督办单${d.id != null ? ` ${d.id} ` : ''}当前为“${SUPERVISION_STATUS_LABELS[d.status as SupervisionStatus] ?? '未知状态'}”，无法${actionZh(d.action)}`,
  CONFLICT: () => '操作与当前状态冲突，请刷新后重试',
  BODY_TOO_LARGE: (d) => (d.limit != null ? `请求内容超过 ${Math.floor(d.limit / 1024)} KB 上限` : '请求内容过大'),
  UNSUPPORTED_MEDIA_TYPE: () => '不支持的内容类型，请以 JSON 格式提交',
  IDEMPOTENCY_KEY_REUSED: () => '该幂等键已用于另一个请求，请为新来电使用新的幂等键',
  UNPROCESSABLE: () => '请求无法处理',
  RATE_LIMITED: (d) => (d.retryAfterSeconds ? `操作过于频繁，请 ${d.retryAfterSeconds} 秒后再试` : '操作过于频繁，请稍后再试'),
  ACCOUNT_LOCKED: (d) => (d.retryAfterSeconds ? `登录失败次数过多，账号已锁定，请 ${Math.ceil(d.retryAfterSeconds / 60)} 分钟后再试` : '登录失败次数过多，账号已锁定，请稍后再试'),
  SERVICE_UNAVAILABLE: (d) =>
    d.dependency === 'mysql' ? '数据库暂时不可用，本次操作未保存，请稍后重试' : d.dependency === 'redis' ? '缓存服务暂时不可用，请稍后重试' : '服务暂时不可用，请稍后重试',
  INTERNAL_ERROR: () => '服务内部错误，请稍后重试',
  REQUEST_FAILED: () => '请求失败',
};

const enLabel = (d: ErrorDetails) => d.field ?? 'field';
/** English, for clients whose Accept-Language prefers it. */
export const ERROR_MESSAGES_EN: Record<ErrorCode, (d: ErrorDetails) => string> = {
  FIELD_REQUIRED: (d) => `${enLabel(d)} is required`,
  FIELD_INVALID: (d) => `${enLabel(d)} is not valid`,
  FIELD_TYPE: (d) => `${enLabel(d)} has the wrong type`,
  FIELD_TOO_SHORT: (d) => `${enLabel(d)} must be at least ${d.limit ?? '?'} characters`,
  FIELD_TOO_LONG: (d) => `${enLabel(d)} must be at most ${d.limit ?? '?'} characters`,
  FIELD_TOO_SMALL: (d) => `${enLabel(d)} must not be less than ${d.limit ?? '?'}`,
  FIELD_TOO_LARGE: (d) => `${enLabel(d)} must not be greater than ${d.limit ?? '?'}`,
  FIELD_NOT_ALLOWED_VALUE: (d) => `${enLabel(d)} must be one of ${(d.allowed ?? []).join(', ')}`,
  FIELD_TOO_MANY: (d) => `${enLabel(d)} must contain no more than ${d.limit ?? '?'} elements`,
  FIELD_UNKNOWN: (d) => `property ${enLabel(d)} should not exist`,
  REFERENCE_NOT_FOUND: (d) => `${enLabel(d)} ${d.value ?? ''} does not exist`.replace('  ', ' '),
  BODY_NOT_OBJECT: () => 'request body must be a JSON object',
  MALFORMED_JSON: () => 'malformed JSON body',
  JSON_TOO_DEEP: (d) => `JSON body nested deeper than ${d.limit ?? 32} levels`,
  UNAUTHENTICATED: () => 'not signed in: send Authorization: Bearer <token>',
  LOGIN_FAILED: () => 'wrong username or password',
  TOKEN_EXPIRED: () => 'access token expired',
  SESSION_ENDED: () => 'session ended: sign in again',
  FORBIDDEN_ROLE: (d) => `role ${d.role ?? '?'} may not do this${d.roles?.length ? `; allowed: ${d.roles.join(', ')}` : ''}`,
  NOT_TRACKER: (d) => `only the tracker of ticket ${d.no ?? ''} or a supervisor logs its follow-ups`,
  NOT_CASE_OWNER: (d) => `ticket ${d.no ?? ''} is not your case: a leader instructs the cases assigned to them`,
  NOT_FOUND: () => 'not found',
  TICKET_NOT_FOUND: (d) => `ticket ${d.id ?? ''} not found`,
  METHOD_NOT_ALLOWED: () => 'method not allowed',
  TICKET_STATUS_CONFLICT: (d) =>
    `cannot ${d.action ?? 'act on'} ticket ${d.no ?? ''}: it is ${d.status ?? '?'}${d.from?.length ? `; ${d.action} needs ${d.from.join(' or ')}` : ''}`,
  VERSION_CONFLICT: (d) => `version ${d.version ?? '?'} is stale${d.currentVersion != null ? `: current version is ${d.currentVersion}` : ''}`,
  TICKET_ARCHIVED: (d) => `ticket ${d.no ?? d.id ?? ''} is archived: it can be read, not changed; register a new ticket to act again`,
  CONCURRENT_CHANGE: () => 'the record changed meanwhile; reload and try again',
  ALREADY_EXISTS: (d) => `${d.field ?? 'record'} exists already`,
  EXTENSION_PENDING: (d) => `ticket ${d.no ?? ''} already has a pending extension request`,
  SUPERVISION_OPEN_EXISTS: (d) => `ticket ${d.no ?? ''} already has an open supervision order of this kind; close it first`,
  SUPERVISION_STATUS_CONFLICT: (d) => `supervision order ${d.id ?? ''} is ${d.status ?? '?'}: cannot ${d.action ?? 'act on it'}`,
  CONFLICT: () => 'conflict with the current state',
  BODY_TOO_LARGE: () => 'request body too large',
  UNSUPPORTED_MEDIA_TYPE: () => 'unsupported Content-Type: send application/json',
  IDEMPOTENCY_KEY_REUSED: () => 'Idempotency-Key was used for a different request',
  UNPROCESSABLE: () => 'unprocessable request',
  RATE_LIMITED: () => 'too many requests; try again later',
  ACCOUNT_LOCKED: () => 'account locked after repeated failures; try again later',
  SERVICE_UNAVAILABLE: (d) => `${d.dependency === 'mysql' ? 'the database (MySQL)' : d.dependency === 'redis' ? 'Redis' : 'the service'} is unavailable; try again in a moment`,
  INTERNAL_ERROR: () => 'internal error',
  REQUEST_FAILED: () => 'request failed',
};

/** The words of an error, for a field error or the error as a whole. */
export function errorText(code: string, details: ErrorDetails = {}, lang: Lang = 'zh'): string {
  // English keeps the service's own words when it has them (the validator's message, the original exception's text)
  if (lang === 'en' && details.reason) return details.reason;
  const table = lang === 'en' ? ERROR_MESSAGES_EN : ERROR_MESSAGES_ZH;
  const t = table[code as ErrorCode] as ((d: ErrorDetails) => string) | undefined;
  return t ? t(details) : table.REQUEST_FAILED(details);
}

/** The message of an error body: one entry per offending field for validation errors, else one sentence. */
export function errorMessage(code: string, details: ErrorDetails = {}, lang: Lang = 'zh'): string | string[] {
  if (details.fields?.length) return details.fields.map((f) => errorText(f.code, { ...f }, lang));
  return errorText(code, details, lang);
}

/** The generic code of a status, for errors raised without one of their own. */
export function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'FIELD_INVALID',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN_ROLE',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    409: 'CONFLICT',
    413: 'BODY_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    422: 'UNPROCESSABLE',
    429: 'RATE_LIMITED',
    500: 'INTERNAL_ERROR',
    502: 'SERVICE_UNAVAILABLE',
    503: 'SERVICE_UNAVAILABLE',
    504: 'SERVICE_UNAVAILABLE',
  };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_FAILED');
}

/** Whether an Accept-Language header prefers English over Chinese (zh-CN is the default). */
export function prefersEnglish(header: string | undefined | null): boolean {
  if (!header) return false;
  let best = { q: -1, en: false };
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const en = tag === 'en' || tag.startsWith('en-');
    const zh = tag === 'zh' || tag.startsWith('zh-') || tag === '*';
    if ((en || zh) && q > best.q) best = { q, en };
  }
  return best.en;
}
