/**
 * The desktop app's back-end process: the same entry module as browser mode's, started with
 * Electron's `utilityProcess.fork` (a Node process under Electron's control, ended with the app).
 * A thin adapter from Electron's UtilityProcess to the protocol's link; everything else is shared.
 */
import { utilityProcess } from 'electron';
import type { BackendProcess } from '../api/backend-client';
import { isMessage, type FromBackend } from '../api/backend-protocol';
import { BACKEND_ENTRY } from '../api/fork-backend';

/** Starts one back-end utility process (its console output goes to the app's). */
export function utilityBackendProcess(): BackendProcess {
  const child = utilityProcess.fork(BACKEND_ENTRY, [], { serviceName: 'LSTM Studio back end', stdio: 'inherit' });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    send(message) {
      if (!exited) child.postMessage(message);
    },
    onMessage(listener) {
      child.on('message', (m: unknown) => {
        if (isMessage(m)) listener(m as FromBackend);
      });
    },
    onClose(listener) {
      child.once('exit', (code) => listener(`exit code ${code}`));
    },
    kill: () => void child.kill(),
  };
}
