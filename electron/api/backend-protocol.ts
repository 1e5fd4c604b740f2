/**
 * The message protocol between a front process (Electron's main process, the browser-mode server,
 * a test) and the back-end process that runs the handlers (backend-entry.ts). The same messages go
 * over Electron's utilityProcess port and over child_process IPC (structured clone both ways).
 *
 * Front -> back end: `start` (once, first), `call` (an operation), `cancel` (a call's job),
 * `hook-result` (the answer to a platform hook), `shutdown` (close the database, then exit).
 * Back end -> front: `ready` or `failed` (the answer to `start`), `result` (of a call), `event` (every
 * event of the back end's bus, by name), `hook` (ask the front for a dialog, the PDF printer...),
 * `hook-cancel` (that question is moot now), `closed` (shutdown done, about to exit).
 */
import type { AppInfo } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';

/** How long closing may take (jobs cancelled, workers stopped, database closed) before the back end exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** A call's outcome as data: the value, or the error with its kind (user, cancelled, internal). */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** The platform hooks a front can serve (see PlatformHooks): the back end asks for them by name. */
export const HOOK_NAMES = ['pickFile', 'pickModelFile', 'printPdf', 'showFile'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** What the back end opens: the home folder, the mode it reports, and what the front provides. */
export interface BackendOptions {
  home: string;
  mode: AppInfo['mode'];
  /** The platform hooks the front serves; the others are absent, as in the CLI. */
  hooks: HookName[];
  /** Seeds the demo fleet on a new home before answering `ready` (the app and browser mode). */
  seedDemo?: boolean;
}

/** A message to the back end. */
export type ToBackend =
  | { type: 'start'; options: BackendOptions }
  | { type: 'call'; id: number; op: string; req: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'hook-result'; id: number; outcome: CallOutcome }
  | { type: 'shutdown' };

/** A message from the back end. */
export type FromBackend =
  | { type: 'ready' }
  | { type: 'failed'; error: SerializedError }
  | { type: 'result'; id: number; outcome: CallOutcome }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'hook'; id: number; name: HookName; args: unknown[] }
  | { type: 'hook-cancel'; id: number }
  | { type: 'closed' };

/** One side's view of the other: send a message, receive messages, learn that the link is gone. */
export interface MessageLink<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** The other side went away: `why` says how ("exit code 1", "signal SIGKILL", "the parent is gone"). */
  onClose(listener: (why: string) => void): void;
}

/** True for an object with a string `type` (anything else on the link is dropped). */
export function isMessage(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
