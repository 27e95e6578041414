import { maskPhonesInText } from '@hotline/domain';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';

/**
 * pino-http settings: one JSON line per request with its request id (fastify's: X-Request-Id or a UUID),
 * method, path with phone-like digit runs masked, status and time. No headers, bodies or tokens are logged.
 */
export function loggerParams(level: string, format: 'json' | 'pretty' = 'json'): Params {
  return {
    forRoutes: [{ path: '{*all}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskPhonesInText(req.url ?? '') }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error) => ({ type: err.name, message: maskPhonesInText(err.message) }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      customSuccessMessage: (req, res) => `${req.method} ${maskPhonesInText(req.url ?? '')} ${res.statusCode}`,
      customErrorMessage: (req, res) => `${req.method} ${maskPhonesInText(req.url ?? '')} ${res.statusCode}`,
      redact: { paths: ['req.headers', 'res.headers', '*.password', '*.accessToken'], remove: true },
      base: { service: 'hotline-api' },
      ...(format === 'pretty'
        ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } }
        : {}),
    },
  };
}
