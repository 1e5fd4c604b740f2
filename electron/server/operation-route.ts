/** `POST /api/op/<operation>`: runs one contract operation through the shared Handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOperationName, type Handlers, type OperationName } from '../../shared/api';
import { HttpError, readJsonBody, sendError, sendJson } from './http-io';

/** Largest accepted request body: requests are small (paths, ids, options), files go through upload. */
export const MAX_OPERATION_BODY = 1024 * 1024;

/** Operations a browser may not call: it implements the file dialogs itself, by uploading. */
const NOT_OVER_HTTP: ReadonlySet<OperationName> = new Set(['dialog:openFile', 'dialog:openModelFile']);

/**
 * Runs operation `name` with the body's `req` and answers `{"ok": true, "value"}` or
 * `{"ok": false, "error"}` (400 user, 409 cancelled, 500 internal). Long operations keep the request open.
 */
export async function handleOperation(req: IncomingMessage, res: ServerResponse, name: string, handlers: Handlers): Promise<void> {
  if (!isOperationName(name) || NOT_OVER_HTTP.has(name)) {
    return sendError(res, new HttpError(404, `Unknown operation "${name}".`));
  }
  let body: unknown;
  try {
    body = await readJsonBody(req, MAX_OPERATION_BODY);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The request body must be a JSON object: {"req": ...}.');
  } catch (err) {
    res.setHeader('Connection', 'close');
    return sendError(res, err);
  }
  const handler = handlers[name] as (req: unknown) => Promise<unknown>;
  try {
    const value = await handler((body as { req?: unknown }).req ?? undefined);
    sendJson(res, 200, { ok: true, value: value ?? null });
  } catch (err) {
    sendError(res, err);
  }
}
