import { SERVER_EVENT_NAMES, TICKET_EVENT_NAMES, type ServerEventName, type ServerEvents } from '@hotline/contracts';
import { io, type Socket } from 'socket.io-client';

export interface Received {
  name: ServerEventName;
  payload: any;
  at: number;
}

export interface LiveClient {
  socket: Socket;
  events: Received[];
  /** Ticket events only (the wallboard pushes are left out). */
  ticketEvents(ticketId?: number): Received[];
  /** Resolves when a received event matches, or rejects after `ms`. */
  waitFor(match: (e: Received) => boolean, ms?: number, what?: string): Promise<Received>;
  close(): void;
}

/** Every event the service sends (the one list in libs/contracts). */
const NAMES = SERVER_EVENT_NAMES;

/** A console's live connection (websocket transport, real socket.io client), recording what it hears. */
export function liveClient(url: string, token: string | undefined): LiveClient {
  const socket = io(url, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: Received[] = [];
  const waiters = new Set<{ match: (e: Received) => boolean; resolve: (e: Received) => void }>();
  for (const name of NAMES) {
    socket.on(name, (payload: ServerEvents[typeof name]) => {
      const e = { name, payload, at: Date.now() };
      events.push(e);
      for (const w of waiters)
        if (w.match(e)) {
          waiters.delete(w);
          w.resolve(e);
        }
    });
  }
  return {
    socket,
    events,
    ticketEvents: (ticketId) => events.filter((e) => (TICKET_EVENT_NAMES as readonly string[]).includes(e.name) && (ticketId === undefined || e.payload.ticketId === ticketId)),
    waitFor(match, ms = 15_000, what = 'event') {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve: (e: Received) => (clearTimeout(timer), resolve(e)) };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no ${what} within ${ms} ms; heard: ${events.map((e) => `${e.name}#${e.payload.ticketId ?? ''}`).join(', ')}`));
        }, ms);
        waiters.add(w);
      });
    },
    close: () => socket.close(),
  };
}

/** Resolves once connected, or rejects with the server's refusal message. */
export function connected(c: LiveClient, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (c.socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('no connection')), ms);
    c.socket.once('connect', () => (clearTimeout(timer), resolve()));
    c.socket.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
  });
}

/** The message a refused handshake gets. */
export async function refusal(url: string, token: string | undefined): Promise<string> {
  return (await refusalOf(url, token)).message;
}

/** The handshake's refusal: its message and the `data` (code, Chinese message) it carries; 'connected' when accepted. */
export async function refusalOf(url: string, token: string | undefined): Promise<{ message: string; data?: { code: string; message: string } }> {
  const c = liveClient(url, token);
  try {
    await connected(c);
    return { message: 'connected' };
  } catch (e) {
    return { message: (e as Error).message, data: (e as Error & { data?: { code: string; message: string } }).data };
  } finally {
    c.close();
  }
}
