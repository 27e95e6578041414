import { ERROR_CODES, errorMessage, type ErrorBody } from '@hotline/contracts';

const KNOWN = new Set<string>(ERROR_CODES);

/**
 * What the console says about an error the API answered: the Chinese text of its code from libs/contracts (with its
 * parameters: the field's label, the ticket's status, the roles), never the API's own words — an unknown code or a
 * body without one reads as what its status means.
 */
export function describeError(body: unknown, status: number): string {
  const b = (body ?? {}) as Partial<ErrorBody>;
  if (typeof b.code === 'string' && KNOWN.has(b.code)) {
    const m = errorMessage(b.code, b.details ?? {}, 'zh');
    return Array.isArray(m) ? m.join('；') : m;
  }
  return byStatus(status);
}

function byStatus(status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络';
  if (status === 401) return '未登录或登录已失效，请重新登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '未找到所请求的记录';
  if (status === 409) return '操作与当前状态冲突，请刷新后重试';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return `服务暂时不可用（错误 ${status}），请稍后重试`;
  return `请求失败（错误 ${status}）`;
}
