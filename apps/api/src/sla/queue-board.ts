import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SlaTimers } from './sla-timers.service';

export const BOARD_PATH = '/admin/queues';
const COOKIE = 'hotline_board';

function cookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for admins only. A browser opens it once with
 * ?access_token=<an admin's token>; the token then moves into an HttpOnly cookie scoped to this path,
 * and the address is cleaned of it. Everything else there is refused without an admin token.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const jwt = app.get(JwtService);
  const board = new BoardAdapter();
  board.setBasePath(BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(app.get(SlaTimers).queue, { readOnlyMode: false })], serverAdapter: board });

  const adminOnly = async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://x');
    const fromQuery = url.searchParams.get('access_token');
    const header = req.headers.authorization;
    const token = fromQuery ?? (header?.startsWith('Bearer ') ? header.slice(7) : cookie(req, COOKIE));
    let role: string | undefined;
    try {
      role = token ? (await jwt.verifyAsync<{ role: string }>(token, { algorithms: ['HS256'] })).role : undefined;
    } catch {
      role = undefined;
    }
    if (role !== 'admin') {
      return reply.status(token ? 403 : 401).send({
        statusCode: token ? 403 : 401,
        error: token ? 'Forbidden' : 'Unauthorized',
        message: 'the queue dashboard is for admins: open it with ?access_token=<an admin access token>',
      });
    }
    if (fromQuery) {
      url.searchParams.delete('access_token');
      reply.header('set-cookie', `${COOKIE}=${encodeURIComponent(fromQuery)}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict`);
      return reply.redirect(`${url.pathname}${url.search}`, 303);
    }
  };

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', adminOnly);
    await scope.register(board.registerPlugin() as never, { prefix: BOARD_PATH });
  });
}
