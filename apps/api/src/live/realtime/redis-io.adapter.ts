import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { socketIoKey } from './live-events.service';

/**
 * socket.io with the Redis adapter: rooms are shared by every API instance through Redis pub/sub, so an event
 * published by any process (another API instance, the SLA worker) reaches the sockets connected here.
 */
export class RedisIoAdapter extends IoAdapter {
  private pub?: Redis;
  private sub?: Redis;
  private adapter?: ReturnType<typeof createAdapter>;

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly prefix: string,
    /** Other origins allowed to connect (CORS_ORIGINS); none: same origin only. */
    private readonly origins: string[] = [],
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    this.pub = new Redis(this.redisUrl, { lazyConnect: true, connectTimeout: 3000 });
    this.sub = this.pub.duplicate();
    // Both connections reconnect on their own (ioredis); the subscriber re-subscribes when Redis is back.
    for (const c of [this.pub, this.sub]) c.on('error', () => undefined);
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    this.adapter = createAdapter(this.pub, this.sub, { key: socketIoKey(this.prefix) });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // The console is served by the API itself (same origin); the client bundle comes from npm, not from here.
    const server: Server = super.createIOServer(port, {
      ...options,
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      ...(this.origins.length ? { cors: { origin: this.origins } } : {}),
    });
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all([this.pub, this.sub].filter((c) => c !== undefined).map((c) => c.quit().catch(() => c.disconnect())));
  }
}
