import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { errorMessage, prefersEnglish, type ErrorBody, type ErrorCode, type ErrorDetails } from '@hotline/contracts';
import { maskPhonesInText } from '@hotline/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyException, classifyFastify, type Classified } from './error-response';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
  'ETIMEDOUT',
  'EPIPE',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * A dependency that is away (MySQL restarting, Redis lost) is a 503 the client may retry, with a message saying
 * which, never a 500. Nothing was half-written: every change is one transaction.
 */
export function unavailable(e: unknown): string | null {
  const err = e as { code?: string; name?: string; message?: string; driverError?: { code?: string }; errno?: number };
  const code = err?.driverError?.code ?? err?.code;
  const message = err?.message ?? '';
  if (err?.name === 'MaxRetriesPerRequestError' || /Connection is closed|Stream isn't writeable|enableOfflineQueue|Reached the max retries per request/.test(message)) {
    return 'Redis is unavailable (live events, timers); try again in a moment';
  }
  if ((code && DB_DOWN.has(code)) || /Pool is closed|Connection lost|connect ECONNREFUSED|Can't add new command when connection is in closed state/i.test(message)) {
    return 'the database (MySQL) is unavailable; nothing was saved, try again in a moment';
  }
  return null;
}

const CONFLICTS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
// a row this change refers to went away meanwhile (a ticket moved into the archive by the nightly job while an
// instruction to it was being written): every reference a client gives is checked first, so only a race gets here
const GONE = new Set(['ER_NO_REFERENCED_ROW', 'ER_NO_REFERENCED_ROW_2', 'ER_ROW_IS_REFERENCED', 'ER_ROW_IS_REFERENCED_2']);

/**
 * Two changes that met in the database (a deadlock, one waiting too long on the other's lock, or a row one of them
 * refers to removed by the other): the database undid this one whole, so the client may simply try again (and then
 * hears what changed). A 409 saying so, never a 500, and never the driver's words.
 */
export function databaseConflict(e: unknown): string | null {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  const code = err?.driverError?.code ?? err?.code;
  if (code && CONFLICTS.has(code)) return 'another change to the same records was made at the same moment; nothing was saved, try again';
  if (code && GONE.has(code)) return 'a record this change refers to was changed or moved at the same moment; nothing was saved, try again';
  return null;
}

/**
 * One error shape for everything (contract, "Errors"): { statusCode, error, message, code, details }. `code` is stable;
 * `message` is Chinese unless Accept-Language prefers English. Errors raised with a code (ApiError) keep it; any other
 * HttpException gets the generic code of its status and keeps its words in details.reason. Unknown errors are 500s
 * and are logged, never echoed.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly bodyLimit?: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest | undefined>();
    let c: Classified;
    if (exception instanceof HttpException) {
      c = classifyException(exception);
      if (c.code === 'BODY_TOO_LARGE' && this.bodyLimit) c.details = { ...c.details, limit: this.bodyLimit };
    } else {
      const mapped = classifyFastify(exception as { code?: string }, this.bodyLimit);
      const conflict = mapped ? null : databaseConflict(exception);
      const away = mapped || conflict ? null : unavailable(exception);
      if (mapped) c = mapped;
      else if (conflict) {
        c = { status: 409, code: 'CONCURRENT_CHANGE', details: { reason: conflict } };
        this.logger.warn(`409: ${maskPhonesInText((exception as Error)?.message ?? String(exception))}`);
      } else if (away) {
        c = { status: 503, code: 'SERVICE_UNAVAILABLE', details: { dependency: away.startsWith('Redis') ? 'redis' : 'mysql', reason: away } };
        this.logger.warn(`503: ${maskPhonesInText((exception as Error)?.message ?? String(exception))}`);
      } else if ((exception as SyntaxError)?.name === 'SyntaxError' && (exception as { statusCode?: number }).statusCode === 400) {
        c = { status: 400, code: 'MALFORMED_JSON', details: { reason: `malformed JSON body: ${(exception as Error).message}` } };
      } else {
        // Driver errors can quote the values of a statement (a phone number in a duplicate-key message).
        this.logger.error(maskPhonesInText(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)));
        c = { status: 500, code: 'INTERNAL_ERROR', details: {} };
      }
    }
    const english = prefersEnglish(request?.headers?.['accept-language']);
    if (!reply.sent)
      void reply
        .status(c.status)
        .header('content-language', english ? 'en' : 'zh-CN')
        .send(errorBody(c.status, c.code, c.details, english));
  }
}

export function errorBody(status: number, code: ErrorCode, details: ErrorDetails, english = false): ErrorBody {
  const body: ErrorBody = { statusCode: status, error: REASONS[status] ?? 'Error', message: errorMessage(code, details, english ? 'en' : 'zh'), code };
  if (Object.keys(details).length) body.details = details;
  return body;
}
