import { errorText, type ErrorCode } from '@hotline/contracts';
import { type BeforeApplicationShutdown, Logger, UnauthorizedException } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AccessTokens } from '../../access/auth/access-tokens.service';
import type { AuthUser } from '../../access/auth/auth-user';
import { classifyHttpException } from '../../platform/http/error-response';
import { roomsOf } from './rooms';

/** The longest a timer may be set for (setTimeout overflows past 2^31-1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

interface SocketData {
  user: AuthUser;
}

/**
 * socket.io on the API's own port. The handshake must carry a valid access token (`io(url, { auth: { token } })`);
 * the socket joins its rooms by role and department and receives only what those rooms hear. Clients only listen:
 * every change goes through the REST API.
 */
/**
 * A refused handshake (socket.io's `connect_error`): the English words as the error's message, as before, and in
 * `data` the error's stable code and its Chinese text (contract, "Errors"), for consoles to show.
 */
function refusal(status: number, reason: string): Error & { data: { code: ErrorCode; message: string; reason: string } } {
  const { code, details } = classifyHttpException(status, reason);
  return Object.assign(new Error(reason), { data: { code, message: errorText(code, details, 'zh'), reason } });
}

@WebSocketGateway()
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown {
  @WebSocketServer() server!: Server;
  private readonly logger = new Logger(LiveGateway.name);

  constructor(private readonly tokens: AccessTokens) {}

  /**
   * Shutting down (SIGTERM): close this instance's connections at the transport, without socket.io's disconnect
   * packet, so that clients reconnect on their own — through the proxy, to another instance — and catch up by sequence.
   */
  beforeApplicationShutdown(): void {
    const engine = this.server?.engine;
    if (!engine) return;
    // From now on no new live connection: a client reconnecting here during the drain would hold the HTTP server open
    // (an upgraded socket counts as a connection until it ends) and the shutdown past its 10 s. Refused at the
    // handshake, the client retries with its back-off and reaches another instance.
    (engine as unknown as { opts: { allowRequest?: (req: unknown, cb: (err: string | null, ok: boolean) => void) => void } }).opts.allowRequest = (_req, cb) =>
      cb('this instance is shutting down', false);
    const n = engine.clientsCount;
    if (n) this.logger.log(`closing ${n} live connection(s): their clients reconnect to another instance`);
    engine.close();
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token = tokenOf(socket);
      if (!token) {
        next(refusal(401, 'missing access token: connect with io(url, { auth: { token } })'));
        return;
      }
      this.tokens.verify(token).then(
        ({ user, expiresAt }) => {
          (socket.data as SocketData).user = user;
          // An expired token ends the live session too; the console signs in again and reconnects.
          const left = expiresAt.getTime() - Date.now();
          const timer = setTimeout(() => socket.disconnect(true), Math.min(Math.max(left, 0), MAX_TIMER_MS));
          socket.once('disconnect', () => clearTimeout(timer));
          next();
        },
        (e: unknown) => next(refusal(401, e instanceof UnauthorizedException ? e.message : 'invalid access token')),
      );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { user } = socket.data as SocketData;
    await socket.join(roomsOf(user));
    this.logger.debug(`socket ${socket.id} of ${user.username} (${user.role}) joined ${[...socket.rooms].join(', ')}`);
  }

  /** Sockets connected to this process. */
  connectedCount(): number {
    return this.server?.engine?.clientsCount ?? 0;
  }
}

function tokenOf(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token;
  const header = socket.handshake.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
