/** Errors that cross process boundaries as plain data. */

/** The kind of failure: a user's input (exit 1 in the CLI) or a bug/internal failure (exit 2). */
export type ErrorKind = 'user' | 'cancelled' | 'internal';

/** An error as it crosses IPC, HTTP or a worker boundary. */
export interface SerializedError {
  name: string;
  kind: ErrorKind;
  message: string;
  stack?: string;
}

/** An error caused by the user's input: the message says what, where and what to do. */
export class UserError extends Error {
  readonly kind: ErrorKind = 'user';
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Raised when the user cancels long work. */
export class CancelledError extends Error {
  readonly kind: ErrorKind = 'cancelled';
  constructor(message = 'Cancelled by the user.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** Turns any thrown value into data that can be sent across a boundary. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    const kind = (err as { kind?: ErrorKind }).kind;
    return {
      name: err.name,
      kind: kind === 'user' || kind === 'cancelled' ? kind : 'internal',
      message: err.message,
      stack: err.stack,
    };
  }
  return { name: 'Error', kind: 'internal', message: String(err) };
}

/** Rebuilds an Error from its serialized form, keeping its kind. */
export function deserializeError(e: SerializedError): Error {
  const err =
    e.kind === 'user' ? new UserError(e.message) : e.kind === 'cancelled' ? new CancelledError(e.message) : new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Formats a count for messages: 1204 -> "1,204". */
export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The longest value echoed in a message (a hostile value must not flood the message). */
export const ECHO_CHARS = 80;

/** Cuts a value echoed in a message to about `max` characters, marking the cut: "abcdef..." */
export function clip(value: string, max = ECHO_CHARS): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 3)}...` : oneLine;
}

/** Cuts a path echoed in a message to its last `max` characters, keeping the file name: ".../data/pump.csv". */
export function clipPath(file: string, max = ECHO_CHARS): string {
  const oneLine = file.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? `...${oneLine.slice(oneLine.length - (max - 3))}` : oneLine;
}

/** Names for a message: the first `max`, each clipped, then how many more ("a, b, c and 9,997 more"). */
export function listNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => clip(n, 30));
  return names.length > max ? `${shown.join(', ')} and ${fmtInt(names.length - max)} more` : shown.join(', ');
}
