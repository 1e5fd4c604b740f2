/** Small helpers of the browser-mode server: security headers, JSON/text answers, bounded bodies. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serializeError, type SerializedError } from '../../shared/errors';
import { findForbiddenKey } from '../../shared/safe-keys';

/** The page's Content-Security-Policy: only our own scripts, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** An HTTP failure with a status and a message for the person using the app. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Sets the headers every answer carries. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** Answers with a short plain-text message. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(text + '\n');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Answers with a JSON document. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** HTTP status of a failed operation, by error kind: 400 the user's input, 409 cancelled, 500 a bug. */
export function statusOfError(error: SerializedError): number {
  return error.kind === 'user' ? 400 : error.kind === 'cancelled' ? 409 : 500;
}

/**
 * Answers `{"ok": false, "error": ...}` without a stack: the user's errors with their message, an
 * unexpected one (500) with a generic message and an id under which it is logged (see publicError).
 */
export function sendError(res: ServerResponse, err: unknown, status?: number): void {
  const error = err instanceof HttpError ? { name: 'UserError', kind: 'user' as const, message: err.message } : publicError(serializeError(err));
  sendJson(res, status ?? (err instanceof HttpError ? err.status : statusOfError(error)), { ok: false, error });
}

/**
 * An error as a browser may see it: never a stack; an internal error's message (which may name
 * files or code) replaced by a generic one with an id, under which the whole error goes to the log.
 */
export function publicError(error: SerializedError, log: (line: string) => void = (line) => process.stderr.write(line)): SerializedError {
  if (error.kind !== 'internal') return { name: error.name, kind: error.kind, message: error.message };
  const id = randomBytes(4).toString('hex');
  log(`[lstm-studio] error ${id}: ${error.stack ?? error.message}\n`);
  return { name: 'Error', kind: 'internal', message: `Something went wrong inside LSTM Studio (error id ${id}; the details are in the server's log). Try again; if it persists, report it with that id.` };
}

/** Reads a JSON request body of at most `limit` bytes; an empty body reads as `{}`. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `The request body is larger than ${Math.round(limit / 1024)} KB.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `The request body is not valid JSON: ${(err as Error).message}`);
  }
  const found = findForbiddenKey(value);
  if (found) throw new HttpError(400, `The request body has a field named "${found.key}" (at ${found.path.slice(0, 120)}), which is never accepted.`);
  return value;
}
