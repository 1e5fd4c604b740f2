/**
 * What crosses the Electron IPC boundary, shared by the main process and the (bundled) preload.
 * Results travel as data, `{ok: true, value} | {ok: false, error}`, so the renderer gets the
 * back end's own error message instead of Electron's "Error invoking remote method ...".
 * No Node or Electron imports here: the sandboxed preload bundles this file.
 */
import type { EventName, Handlers, OperationName } from '../../shared/api';
import { deserializeError, serializeError, type SerializedError } from '../../shared/errors';

/** The reply to one `ipcRenderer.invoke(operation, request)`. */
export type IpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** The channel an event stream is forwarded on (`event:job:progress`). */
export function eventChannel(event: EventName): `event:${EventName}` {
  return `event:${event}`;
}

/** Runs one operation and turns its outcome, value or thrown error, into an {@link IpcResult}. */
export async function runOperation(handlers: Handlers, op: OperationName, req: unknown): Promise<IpcResult> {
  try {
    const handler = handlers[op] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(req) };
  } catch (err) {
    return { ok: false, error: serializeError(err) };
  }
}

/** Returns the value of an {@link IpcResult} or throws its error (with the back end's message). */
export function unwrapIpcResult(result: unknown): unknown {
  if (typeof result !== 'object' || result === null || typeof (result as { ok?: unknown }).ok !== 'boolean') {
    throw new Error('The back end sent a malformed reply.');
  }
  const r = result as IpcResult;
  if (r.ok) return r.value;
  throw deserializeError(r.error);
}
