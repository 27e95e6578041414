import { ACTION_NAME_LABELS, STATUSES, TICKET_ACTIONS } from './enums';
import { ERROR_CODES, ERROR_MESSAGES_EN, ERROR_MESSAGES_ZH, FIELD_LABELS, codeForStatus, errorMessage, errorText, fieldLabel, prefersEnglish, type ErrorDetails } from './errors';

/** Latin words a Chinese message may carry: names of formats, and a field the client sent that has no label (quoted). */
const ALLOWED_LATIN = /\b(JSON|KB)\b|“[\w.-]*”/g;
const noEnglish = (s: string) => expect(s.replace(ALLOWED_LATIN, '')).not.toMatch(/[A-Za-z]{2,}/);

const SAMPLES: ErrorDetails[] = [
  {},
  { field: 'content', limit: 5000 },
  { field: 'confusable.0.departmentId', allowed: ['a', 'b'] },
  { no: '20261203-0001', action: 'dispatch', status: 'dispatched', from: ['registered', 'returned'] },
  { role: 'handler', roles: ['agent', 'supervisor'] },
  { version: 1, currentVersion: 3, no: '20261203-0001' },
  { retryAfterSeconds: 600, dependency: 'mysql', id: 7, limit: 65536 },
  { reason: 'some English words the service raised' },
];

describe('error codes', () => {
  it('are upper snake case and unique', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(c).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it.each(ERROR_CODES)('%s has a Chinese text without English words, whatever its parameters', (code) => {
    expect(ERROR_MESSAGES_ZH[code]).toBeInstanceOf(Function);
    for (const d of SAMPLES) {
      const zh = errorText(code, d);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      noEnglish(zh);
    }
  });

  it.each(ERROR_CODES)('%s has an English text', (code) => {
    expect(errorText(code, {}, 'en')).toMatch(/[a-z]/);
    expect(ERROR_MESSAGES_EN[code]({})).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('a status conflict names the ticket, its status, the action and the statuses it needs, in Chinese', () => {
    expect(errorText('TICKET_STATUS_CONFLICT', { no: '20261203-0001', action: 'dispatch', status: 'dispatched', from: ['registered', 'returned'] })).toBe(
      '工单 20261203-0001 当前为“待签收”，无法派单（仅限“已登记”或“已退单”状态）',
    );
  });

  it('every ticket action and status reads in Chinese', () => {
    for (const a of TICKET_ACTIONS) expect(ACTION_NAME_LABELS[a]).toMatch(/[\u4e00-\u9fff]/);
    for (const s of STATUSES) noEnglish(errorText('TICKET_STATUS_CONFLICT', { status: s, action: 'accept', from: [s] }));
  });

  it('a wrong role names both roles in Chinese', () => {
    expect(errorText('FORBIDDEN_ROLE', { role: 'handler', roles: ['agent', 'supervisor'] })).toBe('承办人无权执行此操作，仅限话务员、班长');
  });

  it('field errors name the field by its Chinese label and carry their limit', () => {
    expect(errorText('FIELD_REQUIRED', { field: 'reason' })).toBe('请填写原因');
    expect(errorText('FIELD_TOO_LONG', { field: 'content', limit: 5000 })).toBe('诉求内容不能超过 5000 个字');
    expect(errorText('FIELD_TOO_LARGE', { field: 'pageSize', limit: 100 })).toBe('每页条数不能大于 100');
    expect(errorText('REFERENCE_NOT_FOUND', { field: 'departmentId', value: 99 })).toBe('所选承办部门不存在');
    expect(fieldLabel('confusable.0.departmentId')).toBe('易混部门·承办部门');
    expect(fieldLabel('nonsense')).toBe('nonsense');
  });

  it('validation messages are one per field', () => {
    const d: ErrorDetails = {
      fields: [
        { field: 'reason', label: '原因', code: 'FIELD_REQUIRED', reason: 'reason must be a string' },
        { field: 'x', label: 'x', code: 'FIELD_UNKNOWN', reason: 'property x should not exist' },
      ],
    };
    expect(errorMessage('FIELD_REQUIRED', d)).toEqual(['请填写原因', '不接受字段“x”']);
    expect(errorMessage('FIELD_REQUIRED', d, 'en')).toEqual(['reason must be a string', 'property x should not exist']);
  });

  it('English keeps the original words when there are some', () => {
    expect(errorText('CONFLICT', { reason: 'hotspot 3 is already closed' }, 'en')).toBe('hotspot 3 is already closed');
    expect(errorText('CONFLICT', { reason: 'hotspot 3 is already closed' })).toBe('操作与当前状态冲突，请刷新后重试');
  });

  it('an unknown code falls back to a generic Chinese text', () => {
    expect(errorText('SOMETHING_NEW')).toBe('请求失败');
  });

  it('every status has a generic code', () => {
    expect(codeForStatus(400)).toBe('FIELD_INVALID');
    expect(codeForStatus(403)).toBe('FORBIDDEN_ROLE');
    expect(codeForStatus(404)).toBe('NOT_FOUND');
    expect(codeForStatus(409)).toBe('CONFLICT');
    expect(codeForStatus(418)).toBe('REQUEST_FAILED');
    expect(codeForStatus(502)).toBe('SERVICE_UNAVAILABLE');
    expect(codeForStatus(507)).toBe('INTERNAL_ERROR');
  });

  it('labels are Chinese', () => {
    for (const [k, v] of Object.entries(FIELD_LABELS)) {
      expect(k).toBeTruthy();
      expect(v).toMatch(/^[\u4e00-\u9fff·]+$/);
    }
  });

  it.each([
    [undefined, false],
    ['', false],
    ['zh-CN', false],
    ['en', true],
    ['en-US,en;q=0.9', true],
    ['zh-CN,zh;q=0.9,en;q=0.8', false],
    ['en;q=0.5,zh;q=0.8', false],
    ['fr-FR,en;q=0.7', true],
    ['fr-FR', false],
    ['*', false],
    ['en;q=0,zh', false],
    ['en;q=abc', false],
  ])('Accept-Language %p prefers English: %p', (header, en) => {
    expect(prefersEnglish(header)).toBe(en);
  });
});
