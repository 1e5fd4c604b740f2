/** Starts the back end with Node's `child_process.fork` (browser mode and the tests; the desktop app uses Electron's utilityProcess). */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { BackendClient, type BackendClientOptions, type BackendProcess } from './backend-client';
import { isMessage, type FromBackend } from './backend-protocol';

/** The compiled entry module of the back-end process. */
export const BACKEND_ENTRY = path.join(__dirname, 'backend-entry.js');

/**
 * Forks one back-end process. Messages are structured clones (`serialization: 'advanced'`, as over
 * Electron's ports), so typed arrays and dates survive; stdout and stderr are the parent's.
 */
export function forkBackendProcess(entry = BACKEND_ENTRY): BackendProcess & { pid: number | undefined } {
  // The test runner's own flags (`--test...`) are not the back end's.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--test'));
  const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A message sent as the child dies fails here; its exit (handled by the client) says the rest.
  child.on('error', (err) => process.stderr.write(`LSTM Studio: the back-end process: ${err.message}\n`));
  return {
    pid: child.pid,
    send(message) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', (m) => {
        if (isMessage(m)) listener(m as FromBackend);
      });
    },
    onClose(listener) {
      child.once('exit', (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`));
    },
    kill: () => void child.kill('SIGKILL'),
  };
}

/** Starts a back end in a child process; its calls wait until it is ready (see `whenReady`). */
export function forkBackend(options: Omit<BackendClientOptions, 'spawn'>): BackendClient {
  return BackendClient.launch({ ...options, spawn: () => forkBackendProcess() });
}
