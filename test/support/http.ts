/** A small HTTP client over real connections (Node's fetch). */
export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ReqOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
}

export function client(baseUrl: string) {
  return async function request<T = any>(method: string, path: string, opts: ReqOptions = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    // health answers its own shape (the contract's health body), an error or not
    if (res.status >= 400 && path.startsWith('/api/') && !path.startsWith('/api/v1/health'))
      assertErrorShape(method, path, res.status, body, /^en\b/i.test(headers['accept-language'] ?? ''));
    return { status: res.status, body: body as T, headers: res.headers };
  };
}
export type Request = ReturnType<typeof client>;

/**
 * The contract's "Errors": every error of the API is { statusCode, error, message, code, details? } with a stable
 * upper-snake code and a Chinese message (unless the request asked for English). Checked on every error any test meets.
 */
export function assertErrorShape(method: string, path: string, status: number, body: any, english: boolean): void {
  const where = `${method} ${path} -> ${status}: ${JSON.stringify(body)?.slice(0, 300)}`;
  if (typeof body !== 'object' || body === null) throw new Error(`error body is not JSON: ${where}`);
  if (body.statusCode !== status || typeof body.error !== 'string') throw new Error(`error body lacks statusCode/error: ${where}`);
  if (typeof body.code !== 'string' || !/^[A-Z]+(_[A-Z]+)*$/.test(body.code)) throw new Error(`error body lacks a code: ${where}`);
  const words = Array.isArray(body.message) ? body.message : [body.message];
  if (!words.length || words.some((m: unknown) => typeof m !== 'string' || !m)) throw new Error(`error body lacks a message: ${where}`);
  if (!english && words.some((m: string) => !/[\u4e00-\u9fff]/.test(m))) throw new Error(`error message is not Chinese: ${where}`);
  if (body.details !== undefined && (typeof body.details !== 'object' || body.details === null)) throw new Error(`details is not an object: ${where}`);
}
