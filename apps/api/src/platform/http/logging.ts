import { maskPhonesInText } from '@hotline/domain';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';

/** What a logged path may show: no tokens, no phone numbers. */
function loggablePath(url: string): string {
  return maskPhonesInText(url.replace(/([?&]access_token=)[^&]*/g, '$1***'));
}

/**
 * pino-http settings: one JSON line per request with its request id (fastify's: X-Request-Id or a UUID),
 * method, path with phone-like digit runs masked, status and time. No headers, bodies or tokens are logged.
 */
export function loggerParams(level: string, format: 'json' | 'pretty' = 'json'): Params {
  // Asynchronous, buffered writes to stdout: synchronous ones took a tenth of the CPU of a request under load.
  const stream = format === 'json' && level !== 'silent' ? pino.destination({ dest: 1, sync: false, minLength: 4096 }) : undefined;
  const options: PinoHttpOptions = {
    level,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggablePath(req.url ?? '') }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: maskPhonesInText(err.message) }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${loggablePath(req.url ?? '')} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${loggablePath(req.url ?? '')} ${res.statusCode}`,
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.accessToken', '*.refreshToken'], remove: true },
    base: { service: 'hotline-api' },
    ...(format === 'pretty' ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } } : {}),
  };
  return { forRoutes: [{ path: '{*all}', method: RequestMethod.ALL }], pinoHttp: stream ? [options, stream] : options };
}

/** The pino-http options of loggerParams, whichever form it returned. */
export function httpLogOptions(params: Params): PinoHttpOptions {
  return (Array.isArray(params.pinoHttp) ? params.pinoHttp[0] : params.pinoHttp) as PinoHttpOptions;
}
