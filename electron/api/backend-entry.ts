/**
 * The back-end process: runs the handlers (database, jobs, engine) outside the process that shows
 * the UI. The desktop app starts this module with Electron's `utilityProcess.fork`; browser mode and
 * the tests with `child_process.fork`. Both speak backend-protocol.ts; the CLI runs the same
 * handlers in-process instead.
 */
import { forkedProcessLink, parentPortLink, processAlive, type ParentPortLike } from './backend-links';
import { serveBackend } from './backend-service';

/** Time for the last message (`closed`, `failed`) to leave before the process ends. */
const FLUSH_MS = 100;

const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort && !process.send) {
  console.error('The LSTM Studio back end runs only as a child of the app or of `lstm-studio serve`; start one of those instead.');
  process.exit(2);
}
// Ctrl-C in a terminal reaches the whole process group: the parent decides, then sends `shutdown`.
process.on('SIGINT', () => undefined);
const parentPid = process.ppid;
const link = parentPort ? parentPortLink(parentPort, () => processAlive(parentPid) && process.ppid === parentPid) : forkedProcessLink(process);
serveBackend(link, (code) => {
  setTimeout(() => process.exit(code), FLUSH_MS);
});
