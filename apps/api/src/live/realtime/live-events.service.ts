import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CENTRE_ONLY_EVENT_NAMES } from '@hotline/contracts';
import type { EventsSinceDto, HotspotEventName, LiveEventRecord, ServerEvents, TicketEventName, WallboardSnapshot } from '@hotline/contracts';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import type { AuthUser } from '../../access/auth/auth-user';
import { EnvDto } from '../../platform/config/env.dto';
import { REDIS } from '../../platform/redis/redis.module';
import { STAFF_ROOM, departmentRoom, departmentsOf, mayHear, userRoom } from './rooms';

/** How many sequenced events Redis keeps for catch-up (about 300 bytes each). */
export const EVENT_LOG_LENGTH = 50_000;
/** A catch-up that would return more than this asks the client to reload instead. */
export const CATCH_UP_LIMIT = 1_000;

/**
 * Gives the event the next sequence number and appends it to the catch-up log in one step, so the log is in sequence
 * order whichever process publishes. A new epoch (Redis emptied) starts a fresh log; a log that no longer matches the
 * counter (the counter alone was lost) is restarted under a new epoch rather than refused.
 */
const SEQUENCE_SCRIPT = `
if redis.call('SET', KEYS[2], ARGV[1], 'NX') then redis.call('DEL', KEYS[1], KEYS[3]) end
local seq = redis.call('INCR', KEYS[1])
local ok = redis.pcall('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], seq .. '-1', 'n', ARGV[3], 'p', ARGV[4], 'd', ARGV[5])
if type(ok) == 'table' and ok.err then
  redis.call('SET', KEYS[2], ARGV[1])
  redis.call('DEL', KEYS[3])
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], seq .. '-1', 'n', ARGV[3], 'p', ARGV[4], 'd', ARGV[5])
end
return {seq, redis.call('GET', KEYS[2])}
`;

type StreamEntry = [id: string, fields: string[]];

/**
 * Publishes live events to every API process's sockets through the socket.io Redis adapter's channel (the emitter
 * works from any process, the SLA worker included), after giving ticket events a sequence and keeping them for
 * catch-up. Nothing here lives in process memory: another instance can serve any client.
 */
@Injectable()
export class LiveEvents {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly emitter: Emitter<{ [K in keyof ServerEvents]: (payload: ServerEvents[K]) => void }>;
  private readonly keys: { seq: string; epoch: string; log: string };
  private lastPublish: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    env: EnvDto,
  ) {
    this.keys = { seq: `${env.QUEUE_PREFIX}:live:seq`, epoch: `${env.QUEUE_PREFIX}:live:epoch`, log: `${env.QUEUE_PREFIX}:live:log` };
    // The emitter fires PUBLISH and forgets the promise; this client keeps it so a failure is logged, not unhandled.
    const client = {
      publish: (channel: string, message: Buffer) => {
        this.lastPublish = this.redis.publish(channel, message).catch((e: Error) => this.logger.warn(`live event not delivered: ${e.message}`));
        return this.lastPublish;
      },
    };
    this.emitter = new Emitter(client, { key: socketIoKey(env.QUEUE_PREFIX) });
  }

  /** Sequences, logs and delivers a ticket event; resolves once Redis has it. Never throws: the change has committed. */
  async publishTicketEvent<K extends TicketEventName>(name: K, payload: ServerEvents[K]): Promise<number | null> {
    const departments = CENTRE_ONLY_EVENT_NAMES.includes(name) ? [] : departmentsOf(payload);
    let seq: number;
    try {
      const [n] = (await this.redis.eval(
        SEQUENCE_SCRIPT,
        3,
        this.keys.seq,
        this.keys.epoch,
        this.keys.log,
        randomUUID(),
        EVENT_LOG_LENGTH,
        name,
        JSON.stringify(payload),
        departments.join(','),
      )) as [number, string];
      seq = Number(n);
    } catch (e) {
      this.logger.warn(`live event ${name} of ticket ${payload.ticketId} not sequenced (consoles will reload on catch-up): ${(e as Error).message}`);
      return null;
    }
    const rooms = [STAFF_ROOM, ...departments.map(departmentRoom)];
    (this.emitter.to(rooms).emit as (n: K, p: ServerEvents[K]) => void)(name, { ...payload, seq });
    await this.lastPublish;
    return seq;
  }

  /** An event for one user only (their sockets on any instance), e.g. a call ringing on their extension. */
  async publishToUser<K extends 'call.ringing' | 'ticket.understood'>(userId: number, name: K, payload: ServerEvents[K]): Promise<void> {
    (this.emitter.to(userRoom(userId)).emit as (n: K, p: ServerEvents[K]) => void)(name, payload);
    await this.lastPublish;
  }

  /** Closes every socket in these rooms, on every instance (a user's, or one sign-in's, whose session ended). */
  async disconnect(rooms: string[]): Promise<void> {
    this.emitter.in(rooms).disconnectSockets(true);
    await this.lastPublish;
  }

  /** Pushes a wallboard snapshot to the centre's consoles. */
  publishWallboard(snapshot: WallboardSnapshot): Promise<void> {
    return this.publishToStaff('wallboard.updated', snapshot);
  }

  /** An event for the centre only (agents, supervisors, admins): the wallboard, hotspots. Not sequenced. */
  async publishToStaff<K extends 'wallboard.updated' | HotspotEventName>(name: K, payload: ServerEvents[K]): Promise<void> {
    (this.emitter.to(STAFF_ROOM).emit as (n: K, p: ServerEvents[K]) => void)(name, payload);
    await this.lastPublish;
  }

  /** `warning.issued`: to the centre and, for a department's warning, to that department. Not sequenced. */
  async publishWarning(departmentId: number | null, payload: ServerEvents['warning.issued']): Promise<void> {
    const rooms = departmentId === null ? [STAFF_ROOM] : [STAFF_ROOM, departmentRoom(departmentId)];
    (this.emitter.to(rooms).emit as (n: 'warning.issued', p: ServerEvents['warning.issued']) => void)('warning.issued', payload);
    await this.lastPublish;
  }

  /** The last sequence handed out (0 before any). */
  async currentSeq(): Promise<number> {
    return Number((await this.redis.get(this.keys.seq)) ?? 0);
  }

  /** What `user` may see after `since`, or a reset when the gap cannot be filled from the log. */
  async since(user: AuthUser, since: number | undefined, epoch: string | undefined): Promise<EventsSinceDto> {
    const [[, seqRaw], [, epochRaw]] = (await this.redis.multi().get(this.keys.seq).get(this.keys.epoch).exec()) as [[null, string | null], [null, string | null]];
    const current = Number(seqRaw ?? 0);
    const currentEpoch = epochRaw ?? '';
    const reply = (reset: boolean, events: LiveEventRecord[] = []): EventsSinceDto => ({ epoch: currentEpoch, seq: current, reset, events });
    if (since === undefined) return reply(false);
    if ((epoch !== undefined && epoch !== currentEpoch) || since > current) return reply(true);
    if (since === current) return reply(false);
    if (current - since > EVENT_LOG_LENGTH) return reply(true);
    const entries = (await this.redis.xrange(this.keys.log, `${since + 1}-1`, '+', 'COUNT', CATCH_UP_LIMIT * 5 + 1)) as StreamEntry[];
    // The log must start right after `since`, or events were trimmed away (or lost with Redis).
    if (!entries.length || seqOf(entries[0]) !== since + 1 || entries.length > CATCH_UP_LIMIT * 5) return reply(true);
    const events: LiveEventRecord[] = [];
    for (const entry of entries) {
      const f = fieldsOf(entry);
      const departments = f.d ? f.d.split(',').map(Number) : [];
      if (!mayHear(user, departments)) continue;
      events.push({ seq: seqOf(entry), name: f.n as TicketEventName, payload: { ...JSON.parse(f.p), seq: seqOf(entry) } });
      if (events.length > CATCH_UP_LIMIT) return reply(true);
    }
    // The caller is now up to date with the last logged event, which may be newer than `current` read above.
    return { epoch: currentEpoch, seq: Math.max(current, seqOf(entries[entries.length - 1])), reset: false, events };
  }
}

/** The Redis channel prefix the adapter and the emitter share; one per deployment (QUEUE_PREFIX). */
export function socketIoKey(prefix: string): string {
  return `${prefix}:socket.io`;
}

const seqOf = (e: StreamEntry): number => Number(e[0].split('-')[0]);

function fieldsOf(e: StreamEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < e[1].length; i += 2) out[e[1][i]] = e[1][i + 1];
  return out;
}
