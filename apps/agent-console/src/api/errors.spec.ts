import { ERROR_CODES } from '@hotline/contracts';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors';

const chinese = /[\u4e00-\u9fff]/;
/** Latin letters allowed in a message: format names and a field the client itself sent (quoted). */
const english = (s: string) => /[A-Za-z]{2,}/.test(s.replace(/\b(JSON|KB)\b|“[\w.-]*”/g, ''));

describe('every error code the API can answer has a Chinese text in the console', () => {
  it.each(ERROR_CODES)('%s', (code) => {
    const text = describeError({ statusCode: 400, error: 'Bad Request', code, message: 'the API’s own words' }, 400);
    expect(text).toMatch(chinese);
    expect(english(text)).toBe(false);
    expect(text).not.toContain('the API’s own words');
  });

  it('uses the parameters: the ticket, its status and what the action needs', () => {
    const body = {
      statusCode: 409,
      error: 'Conflict',
      code: 'TICKET_STATUS_CONFLICT',
      message: 'cannot dispatch ticket 20261203-0001: it is dispatched; dispatch needs registered or returned',
      details: { no: '20261203-0001', action: 'dispatch', status: 'dispatched', from: ['registered', 'returned'] },
    };
    expect(describeError(body, 409)).toBe('工单 20261203-0001 当前为“待签收”，无法派单（仅限“已登记”或“已退单”状态）');
  });

  it('names every offending field by its label', () => {
    const body = {
      code: 'FIELD_REQUIRED',
      message: ['reason must be a string'],
      details: {
        fields: [
          { field: 'reason', label: '原因', code: 'FIELD_REQUIRED' },
          { field: 'note', label: '备注', code: 'FIELD_TOO_LONG', limit: 1000 },
        ],
      },
    };
    expect(describeError(body, 400)).toBe('请填写原因；备注不能超过 1000 个字');
  });

  it.each([
    [{ message: 'something English' }, 400, '请求失败（错误 400）'],
    [{ code: 'A_CODE_FROM_A_NEWER_API', message: 'x' }, 409, '操作与当前状态冲突，请刷新后重试'],
    [undefined, 502, '服务暂时不可用（错误 502），请稍后重试'],
    ['<html>bad gateway</html>', 504, '服务暂时不可用（错误 504），请稍后重试'],
    [{}, 0, '无法连接服务器，请检查网络'],
    [{}, 403, '无权执行此操作'],
    [{}, 404, '未找到所请求的记录'],
  ])('without a known code, %p (%i) reads what its status means', (body, status, text) => {
    expect(describeError(body, status)).toBe(text);
  });
});
