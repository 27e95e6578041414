import { HttpException } from '@nestjs/common';
import { FIELD_LABELS, codeForStatus, type ErrorCode, type ErrorDetails } from '@hotline/contracts';
import { ApiError } from './api-error';

/** What an error means for the client: the status, a stable code and its parameters. */
export interface Classified {
  status: number;
  code: ErrorCode;
  details: ErrorDetails;
}

const text = (m: unknown): string => (Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : '');

/** The words of a Nest exception: its body's message, or the exception's own. */
export function exceptionText(e: HttpException): string {
  const body = e.getResponse();
  return typeof body === 'string' ? body : text((body as { message?: unknown }).message) || e.message;
}

/** A field a free-text message starts with ("departmentId 99 is not a department", "phone must be …"), when it is one. */
function leadingField(reason: string): string | undefined {
  const m = /^([A-Za-z][\w.-]*)\b/.exec(reason);
  const name = m?.[1].split('.').pop();
  return name && FIELD_LABELS[name] !== undefined ? m![1] : undefined;
}

/**
 * The fallback for exceptions raised without a code (Nest's BadRequestException('…'), ConflictException('…'), …, as
 * new routes raise them): a generic code for the status — sharpened where the English words say more — and the
 * original words in details.reason.
 */
export function classifyHttpException(status: number, reason: string): Classified {
  const details: ErrorDetails = reason ? { reason } : {};
  let code = codeForStatus(status);
  const field = leadingField(reason);
  switch (status) {
    case 400: {
      const ref = /^([A-Za-z][\w.]*) (\S+) is not an? (department|ticket|business calendar|article|user)\b/.exec(reason);
      if (ref) return { status, code: 'REFERENCE_NOT_FOUND', details: { ...details, field: ref[1], value: ref[2] } };
      if (/not valid JSON|Unexpected token|JSON at position|malformed JSON/i.test(reason)) code = 'MALFORMED_JSON';
      else if (/ is required\b/.test(reason) && field) code = 'FIELD_REQUIRED';
      if (field) details.field = field;
      break;
    }
    case 401:
      if (/wrong username or password/i.test(reason)) code = 'LOGIN_FAILED';
      else if (/expired/i.test(reason)) code = 'TOKEN_EXPIRED';
      else if (/session ended|no such account|not active/i.test(reason)) code = 'SESSION_ENDED';
      break;
    case 403: {
      const role = /^role (\w+) may not/.exec(reason)?.[1];
      if (role) details.role = role;
      const allowed = /allowed: ([\w, ]+)$/.exec(reason)?.[1];
      if (allowed)
        details.roles = allowed
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
      break;
    }
    case 409:
      if (/\bis stale\b|\bversion\b.*\bmismatch/i.test(reason)) code = 'VERSION_CONFLICT';
      else if (/changed while|meanwhile|was decided/i.test(reason)) code = 'CONCURRENT_CHANGE';
      else if (/exists already|already exists|\bexists$|is taken|already (has|used|registered)/i.test(reason)) code = 'ALREADY_EXISTS';
      break;
  }
  return { status, code, details };
}

/** Any exception that is an HttpException: coded ones as they are, the others by the fallback. */
export function classifyException(e: HttpException): Classified {
  if (e instanceof ApiError) return { status: e.getStatus(), code: e.code, details: e.details };
  const status = e.getStatus();
  const reason = exceptionText(e);
  if (status === 415) return { status, code: 'UNSUPPORTED_MEDIA_TYPE', details: { reason: 'unsupported Content-Type: send application/json' } };
  if (status === 413) return { status, code: 'BODY_TOO_LARGE', details: { reason } };
  if (status === 404 && /^Cannot [A-Z]+ /.test(reason)) return { status, code: 'NOT_FOUND', details: { resource: 'route', reason } };
  return classifyHttpException(status, reason);
}

/** fastify's own refusals (body parsing, limits) that reach the filter unwrapped. */
export function classifyFastify(err: { statusCode?: number; code?: string; message?: string }, bodyLimit?: number): Classified | null {
  if (!err?.code?.startsWith('FST_')) return null;
  const reason = err.message ?? '';
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'MALFORMED_JSON', details: { reason: `malformed JSON body: ${reason}` } };
    case 'FST_ERR_CTP_JSON_TOO_DEEP':
      return { status: 400, code: 'JSON_TOO_DEEP', details: { limit: Number(/\d+/.exec(reason)?.[0] ?? 32), reason } };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE', details: { ...(bodyLimit ? { limit: bodyLimit } : {}), reason: 'request body too large' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', details: { reason: 'unsupported Content-Type: send application/json' } };
    default:
      return err.statusCode && err.statusCode < 500 ? classifyHttpException(err.statusCode, reason) : null;
  }
}
