/**
 * `lstm-studio serve`: browser mode. This process serves the UI and relays the API to the back end,
 * which runs in a child process (a slow query or import never holds up the UI server); it seeds the
 * demo data there and stops both on Ctrl-C.
 */
import * as path from 'node:path';
import { forkBackend } from '../api/fork-backend';
import { resolveHome } from '../app/paths';
import { projectRoot } from '../app/version';
import { startBrowserServer } from '../server/browser-server';
import { pruneOldUploads } from '../server/upload-route';
import type { CliRequest } from './commands';
import { printJson, type CliIo } from './io';
import { openBrowser } from './open-browser';
import { untilStopRequested } from './signals';

/** The built renderer that browser mode serves. */
export function rendererDir(): string {
  return path.join(projectRoot(), 'dist', 'renderer');
}

/**
 * Runs the server until SIGINT/SIGTERM. Prints `LSTM Studio (browser mode) at <url>` on stdout
 * (or `{"url", "port", "token"}` with --json) once it is ready.
 */
export async function runServe(req: Extract<CliRequest, { kind: 'serve' }>, io: CliIo): Promise<number> {
  const home = resolveHome({ flag: req.global.home, env: io.env });
  const backend = forkBackend({ options: { home, mode: 'browser', seedDemo: true } });
  try {
    // Listen at once, so a busy port fails fast; the link is printed only once the back end (and the demo data) is there.
    const server = await startBrowserServer({ home, handlers: backend.handlers(), events: backend.events, port: req.port, staticDir: rendererDir() });
    try {
      await backend.whenReady();
      await pruneOldUploads(home);
      if (req.global.json) printJson(io, { url: server.url, port: server.port, token: server.token });
      else io.stdout.write(`LSTM Studio (browser mode) at ${server.url}\n`);
      io.stderr.write('Press Ctrl-C to stop.\n');
      if (req.open) openBrowser(server.url);
      await untilStopRequested();
      io.stderr.write('Stopping LSTM Studio...\n');
      return 0;
    } finally {
      await server.close();
    }
  } finally {
    await backend.close();
  }
}
