import type { ErrorBody, ErrorCode, ErrorDetails } from '@hotline/contracts';
import { describeError } from './errors';

/** An error the API answered with; `message` is the console's Chinese text for its code (never the API's words). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: ErrorCode,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;
/** Gets a fresh access token with the refresh token (the session registers it); null when the session is over. */
let refresher: (() => Promise<string | null>) | null = null;
let refreshing: Promise<string | null> | null = null;

export function setToken(t: string | null, unauthorized?: () => void): void {
  token = t;
  if (unauthorized) onUnauthorized = unauthorized;
}

export function setRefresher(r: (() => Promise<string | null>) | null): void {
  refresher = r;
}

/** One refresh at a time however many requests found the token expired. */
function refreshOnce(): Promise<string | null> {
  refreshing ??= (refresher ? refresher() : Promise.resolve(null)).catch(() => null).finally(() => (refreshing = null));
  return refreshing;
}

export function currentToken(): string | null {
  return token;
}

/** JSON over fetch with the signed-in user's token; an expired token is refreshed once and the request repeated. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch {
    throw new ApiError(0, describeError(undefined, 0));
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // a proxy's HTML error page: the status says enough
    if (res.ok) throw new ApiError(res.status, '服务返回了无法识别的内容');
  }
  if (!res.ok) {
    if (res.status === 401 && token && !retried && !path.startsWith('/auth/')) {
      if (await refreshOnce()) return api<T>(path, init, true);
    }
    if (res.status === 401 && token) onUnauthorized();
    const b = body as Partial<ErrorBody> | undefined;
    throw new ApiError(res.status, describeError(body, res.status), b?.code, b?.details);
  }
  return body as T;
}

export const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });

/** A query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
