import { CONSOLE_SCREENS } from '@hotline/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountConsole } from './console';
import { registerSecurityHeaders } from './security-headers';

describe('the console served by the API', () => {
  let dir: string;
  let fastify: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>12345</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    fastify = Fastify();
    await registerSecurityHeaders(fastify);
    fastify.get('/api/docs', async () => 'swagger');
    const app = { getHttpAdapter: () => ({ getInstance: () => fastify }) } as unknown as NestFastifyApplication;
    expect(await mountConsole(app, dir)).toBe(true);
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CONSOLE_SCREENS.map((p) => p.replace(':id', '42')))('answers %s with the page, never cached, under the console’s content policy', async (url) => {
    const res = await fastify.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self';.*script-src 'self';.*frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves hashed assets for a year, and nothing else but the screens', async () => {
    const asset = await fastify.inject({ url: '/assets/app-1a2b.js' });
    expect([asset.statusCode, asset.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await fastify.inject({ url: '/nowhere' })).statusCode).toBe(404);
  });

  it('keeps the console’s policy off other pages (Swagger UI needs its own)', async () => {
    const docs = await fastify.inject({ url: '/api/docs' });
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS only over HTTPS', async () => {
    expect((await fastify.inject({ url: '/login' })).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('mountConsole without a build', () => {
  it('answers false and mounts nothing', async () => {
    const app = { getHttpAdapter: () => ({ getInstance: () => Fastify() }) } as unknown as NestFastifyApplication;
    expect(await mountConsole(app, join(tmpdir(), 'no-console-here'))).toBe(false);
  });
});
