import { isOperationName, type EventName, type Handlers, type Transport, type Unsubscribe } from '../../shared/api';
import type { EventBus } from '../app/event-bus';

/**
 * A transport that calls the back end's Handlers directly, in this process: the CLI (and tests)
 * get the same typed StudioApi as the window and the browser, through the same handlers.
 */
export function inProcessTransport(handlers: Handlers, events: EventBus): Transport {
  return {
    async invoke(op, req) {
      if (!isOperationName(op)) throw new Error(`Unknown operation '${String(op)}'.`);
      const handler = handlers[op] as (req: unknown) => Promise<unknown>;
      return handler(req);
    },
    subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe {
      return events.on(event, listener);
    },
  };
}
