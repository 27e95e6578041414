import { CONSOLE_SCREENS } from '@hotline/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONSOLE_CSP } from './security-headers';

/** Where `npm run build` puts the agent console (apps/agent-console/dist), from apps/api/{src,dist}/platform/http. */
export const CONSOLE_DIR = resolve(__dirname, '../../../../agent-console/dist');

/**
 * Serves the built agent console at `/` from the API's own port: hashed assets cached for a year, the page itself
 * never cached (a new deployment shows at the next load). Returns false when the console has not been built.
 */
export async function mountConsole(app: NestFastifyApplication, dir = CONSOLE_DIR): Promise<boolean> {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const html = readFileSync(index, 'utf8');
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });
  // each of the console's client-side routes answers with index.html, and the router in the browser takes over
  for (const url of CONSOLE_SCREENS) {
    fastify.get(url, { helmet: { contentSecurityPolicy: CONSOLE_CSP } }, (_req, reply) => {
      void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    });
  }
  return true;
}
