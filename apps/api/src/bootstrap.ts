import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { trustedProxies, type EnvDto } from './platform/config/env.dto';
import { Drain } from './platform/health/drain.service';
import { createDatabaseIfMissing } from './platform/database/create-database';
import { dataSourceOptions, describeDatabaseUrl, migrate } from './platform/database/data-source';
import { DemoSeeder } from './demo/demo-seeder';
import { Metrics } from './platform/metrics/metrics.service';
import { AllExceptionsFilter } from './platform/http/all-exceptions.filter';
import { CONSOLE_DIR, mountConsole } from './platform/http/console';
import { StrictValidationPipe } from './platform/http/validation.pipe';
import { registerJsonBody } from './platform/http/json-body';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { openApiDocument, recordRoutes } from './platform/http/openapi';
import { RedisIoAdapter } from './live/realtime/redis-io.adapter';
import { collapseOpen311Slashes, mountOpen311 } from './channels/open311/open311.routes';
import { mountQueueBoard } from './sla/queue-board';

export function corsOrigins(env: Pick<EnvDto, 'CORS_ORIGINS'>): string[] {
  return env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** A start-up failure the operator can act on: printed as one line, without a stack. */
export class StartupError extends Error {}

function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return url;
  }
}

/** Creates the database when missing and applies pending migrations; fails with the address it could not reach. */
export async function prepareDatabase(env: EnvDto): Promise<string[]> {
  const where = describeDatabaseUrl(env.DATABASE_URL);
  const url = new URL(env.DATABASE_URL);
  const database = url.pathname.slice(1);
  url.pathname = '/';
  const server = new DataSource({ ...dataSourceOptions(url.toString(), 1), entities: [], migrations: [] });
  try {
    await server.initialize();
  } catch (e) {
    throw new StartupError(`Cannot reach MySQL at ${where} (DATABASE_URL): ${(e as Error).message}`);
  }
  try {
    await createDatabaseIfMissing(server, database);
  } finally {
    await server.destroy();
  }
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, 2));
  await ds.initialize();
  try {
    return await migrate(ds);
  } finally {
    await ds.destroy();
  }
}

export async function checkRedis(env: EnvDto): Promise<void> {
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new StartupError(`Cannot reach Redis at ${redisAddress(env.REDIS_URL)} (REDIS_URL): ${(e as Error).message || 'connection refused'}`);
  } finally {
    redis.disconnect();
  }
}

/** Builds the HTTP application: migrations applied, demo seeded when asked, routes under /api/v1, OpenAPI at /api/docs. */
export async function createApp(env: EnvDto): Promise<NestFastifyApplication> {
  await checkRedis(env);
  await prepareDatabase(env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // X-Forwarded-For is the client's own claim unless a proxy we run added it
    trustProxy: trustedProxies(env),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    rewriteUrl: (req: { url?: string }) => collapseOpen311Slashes(req.url ?? '/'),
  });
  // Module wiring is logged only when it fails; from init on, everything goes through pino.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), adapter, {
    logger: ['error', 'warn'],
    abortOnError: false,
    // bodies are parsed by registerJsonBody (JSON only, depth-limited, raw bytes kept for signed telephony events)
    bodyParser: false,
  });
  registerJsonBody(app.getHttpAdapter().getInstance());
  recordRoutes(app);
  app.useLogger(app.get(Logger));
  // /metrics stays where Prometheus looks for it.
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  const fastify = app.getHttpAdapter().getInstance();
  await registerSecurityHeaders(fastify);
  // Browsers on other origins only when CORS_ORIGINS names them (the console itself is same-origin).
  const origins = corsOrigins(env);
  if (origins.length)
    app.enableCors({
      origin: origins,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
      maxAge: 600,
    });
  const httpDuration = app.get(Metrics).httpDuration;
  fastify.addHook('onResponse', async (req, reply) => {
    // The route pattern, not the path: ids would make one series per ticket.
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // Once draining, every answer closes its connection: a keep-alive connection whose request was still running when the
  // server began to close would otherwise stay open, idle, and hold the shutdown until its 10 s are up.
  const drain = app.get(Drain);
  fastify.addHook('onRequest', (_req, _reply, done) => {
    drain.requestStarted();
    done();
  });
  fastify.addHook('onSend', async (_req, reply, payload) => {
    if (drain.draining) void reply.header('connection', 'close');
    return payload;
  });

  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(env.BODY_LIMIT_BYTES));
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  if (env.SLA_ROLE !== 'worker') {
    await mountQueueBoard(app);
    await mountOpen311(app);
    if (!(await mountConsole(app))) app.get(Logger).warn(`the agent console is not built (${CONSOLE_DIR}): npm run build builds it`);
    const io = new RedisIoAdapter(app, env.REDIS_URL, env.QUEUE_PREFIX, origins);
    await io.connect();
    app.useWebSocketAdapter(io);
  }
  await app.init();
  if (env.SEED_DEMO) await app.get(DemoSeeder).run();
  return app;
}
