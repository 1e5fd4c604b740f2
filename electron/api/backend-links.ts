/**
 * The back end's end of its link to the front, over either transport: Node's child_process IPC
 * (browser mode, the tests) or Electron's utilityProcess parent port (the desktop app). Both carry
 * the same messages (backend-protocol.ts); only how a message is sent and how the parent's death
 * shows differ.
 */
import { isMessage, type FromBackend, type MessageLink, type ToBackend } from './backend-protocol';

type Link = MessageLink<ToBackend, FromBackend>;

/** The part of a child process's `process` the link uses (a fork has `send` and emits `disconnect`). */
export interface ForkedProcess {
  send?: (message: unknown) => boolean;
  readonly connected?: boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

/** The link of a process started with `child_process.fork`: the parent's death closes its IPC channel. */
export function forkedProcessLink(proc: ForkedProcess): Link {
  return {
    send(message) {
      // After the parent is gone there is nobody to tell; the process is closing then.
      if (proc.connected && proc.send) proc.send(message);
    },
    onMessage(listener) {
      proc.on('message', (m) => {
        if (isMessage(m)) listener(m as ToBackend);
      });
    },
    onClose(listener) {
      proc.on('disconnect', () => listener('the parent is gone'));
    },
  };
}

/** Electron's `process.parentPort` in a utility process (typed here, since this file runs without Electron's types). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** How often a utility process checks that its parent is still alive. */
export const PARENT_POLL_MS = 2_000;

/**
 * The link of an Electron utility process. Its port has no close event, so the parent's death is
 * noticed by polling `parentAlive` (Electron also ends utility processes when the app quits).
 */
export function parentPortLink(port: ParentPortLike, parentAlive: () => boolean, pollMs = PARENT_POLL_MS): Link {
  return {
    send: (message) => port.postMessage(message),
    onMessage(listener) {
      port.on('message', (event) => {
        if (isMessage(event?.data)) listener(event.data as ToBackend);
      });
    },
    onClose(listener) {
      const timer = setInterval(() => {
        if (parentAlive()) return;
        clearInterval(timer);
        listener('the parent is gone');
      }, pollMs);
      timer.unref();
    },
  };
}

/** True while process `pid` exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
