import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorBody } from '@hotline/contracts';
import { maskPhonesInText } from '@hotline/domain';
import type { FastifyReply } from 'fastify';

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** What fastify's own errors (body parsing, limits) mean for the client. */
function fromFastify(err: { statusCode?: number; code?: string; message?: string }): [number, string] | null {
  if (!err.code?.startsWith('FST_')) return null;
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, `malformed JSON body: ${err.message}`];
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, 'request body too large'];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, 'unsupported Content-Type: send application/json'];
    default:
      return err.statusCode && err.statusCode < 500 ? [err.statusCode, err.message ?? 'bad request'] : null;
  }
}

const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'EPIPE', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'ENOTFOUND', 'EHOSTUNREACH']);

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

/**
 * Two changes that met in the database (a deadlock, or one waiting too long on the other's lock): the database undid
 * this one whole, so the client may simply try again. A 409 saying so, never a 500, and never the driver's words.
 */
export function databaseConflict(e: unknown): string | null {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return code && CONFLICTS.has(code) ? 'another change to the same records was made at the same moment; nothing was saved, try again' : null;
}

/** One error shape for everything: { statusCode, error, message }. Unknown errors are 500s and are logged, never echoed. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let message: string | string[] = 'internal error';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
      // fastify's own refusals reach here already wrapped by Nest; say what the client should send instead.
      if (status === 415) message = 'unsupported Content-Type: send application/json';
      if (status === 400 && typeof message === 'string' && /not valid JSON|Unexpected token|JSON at position/.test(message)) message = `malformed JSON body: ${message}`;
    } else {
      const mapped = fromFastify(exception as { code?: string });
      const conflict = mapped ? null : databaseConflict(exception);
      const away = mapped || conflict ? null : unavailable(exception);
      if (mapped) [status, message] = mapped;
      else if (conflict) {
        [status, message] = [409, conflict];
        this.logger.warn(`409: ${maskPhonesInText((exception as Error)?.message ?? String(exception))}`);
      }
      else if (away) {
        [status, message] = [503, away];
        this.logger.warn(`503: ${maskPhonesInText((exception as Error)?.message ?? String(exception))}`);
      }
      else if ((exception as SyntaxError)?.name === 'SyntaxError' && (exception as { statusCode?: number }).statusCode === 400) {
        [status, message] = [400, `malformed JSON body: ${(exception as Error).message}`];
      } else {
        // Driver errors can quote the values of a statement (a phone number in a duplicate-key message).
        this.logger.error(maskPhonesInText(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)));
      }
    }
    void reply.status(status).send(errorBody(status, message));
  }
}

export function errorBody(status: number, message: string | string[]): ErrorBody {
  return { statusCode: status, error: REASONS[status] ?? 'Error', message };
}
