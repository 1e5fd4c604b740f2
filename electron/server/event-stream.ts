/** `GET /api/events`: every contract event as Server-Sent Events (`event: <name>`, `data: <json>`). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_METHODS, type EventName } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';
import type { EventBus } from '../app/event-bus';
import { publicError } from './http-io';

/** Time between two heartbeat comments, which keep idle connections (and proxies) from timing out. */
export const HEARTBEAT_MS = 15_000;

const EVENT_NAMES = Object.keys(EVENT_METHODS) as EventName[];

/** JSON.stringify's replacer for events: an error inside (a job that failed) as publicError shows it. */
function withoutStacks(key: string, value: unknown): unknown {
  if (key === 'error' && value && typeof value === 'object' && 'kind' in value && 'message' in value) return publicError(value as SerializedError);
  return value;
}

/**
 * Opens an event stream on `res` that forwards every event of `events` until the client goes away
 * or `end()` of the returned handle is called (when the server stops).
 */
export function openEventStream(req: IncomingMessage, res: ServerResponse, events: Pick<EventBus, 'on'>): { end(): void; closed: Promise<void> } {
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');

  const unsubscribers = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload, withoutStacks)}\n\n`);
    }),
  );
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();

  let resolveClosed = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const cleanup = () => {
    clearInterval(heartbeat);
    for (const off of unsubscribers) off();
    resolveClosed();
  };
  res.on('close', cleanup);
  return {
    end() {
      cleanup();
      res.end();
    },
    closed,
  };
}
