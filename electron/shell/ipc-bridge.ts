import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { EVENT_METHODS, OPERATION_NAMES, type EventName, type Handlers, type Unsubscribe } from '../../shared/api';
import { serializeError } from '../../shared/errors';
import type { EventBus } from '../app/event-bus';
import { eventChannel, runOperation, type IpcResult } from './ipc-protocol';

/**
 * Registers one `ipcMain.handle` per contract operation (and no other channel). Each call is
 * answered only when `isTrusted(event)` (the sender frame is our index page); errors come back as data.
 * Returns a function that removes the handlers.
 */
export function registerOperations(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): Unsubscribe {
  for (const op of OPERATION_NAMES) {
    ipcMain.handle(op, async (event, req: unknown): Promise<IpcResult> => {
      if (!isTrusted(event)) {
        const url = safeUrl(event);
        console.warn(`Rejected ${op} from an untrusted sender (${url}).`);
        return { ok: false, error: serializeError(new Error(`Rejected ${op}: the request did not come from LSTM Studio's window.`)) };
      }
      const result = await runOperation(handlers, op, req);
      if (!result.ok && result.error.kind === 'internal') console.error(`${op} failed:`, result.error.stack ?? result.error.message);
      return result;
    });
  }
  return () => {
    for (const op of OPERATION_NAMES) ipcMain.removeHandler(op);
  };
}

/** Forwards every contract event of the bus to `send(channel, payload)`; returns a function that stops it. */
export function forwardEvents(bus: Pick<EventBus, 'on'>, send: (channel: string, payload: unknown) => void): Unsubscribe {
  const stops = (Object.keys(EVENT_METHODS) as EventName[]).map((name) => bus.on(name, (payload) => send(eventChannel(name), payload)));
  return () => stops.forEach((stop) => stop());
}

function safeUrl(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url ?? 'no frame';
  } catch {
    return 'destroyed frame';
  }
}
