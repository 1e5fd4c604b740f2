/** `lstm-studio serve`: browser mode. Seeds the demo data, serves the UI and API, stops on Ctrl-C. */
import * as path from 'node:path';
import { projectRoot } from '../app/version';
import { ensureDemoData } from '../data/demo-seed';
import { startBrowserServer } from '../server/browser-server';
import { pruneOldUploads } from '../server/upload-route';
import type { CliRequest } from './commands';
import { printJson, type CliIo } from './io';
import { openBrowser } from './open-browser';
import { withSession } from './session';
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
  return withSession(req.global, 'browser', io, async ({ ctx, handlers }) => {
    // Listen first, so a busy port fails fast; the link is printed only once the demo data is there.
    const server = await startBrowserServer({ ctx, handlers, port: req.port, staticDir: rendererDir() });
    try {
      await ensureDemoData(ctx);
      await pruneOldUploads(ctx.home);
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
  });
}
