/**
 * Browser mode: the app's UI and API over HTTP on 127.0.0.1 only, guarded by a per-launch token.
 * Routes: static UI, `POST /api/op/<operation>`, `GET /api/events` (SSE), `POST /api/upload`,
 * `GET /api/reports/<file>` (a report's download).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { PathScope, scopeFilePaths } from '../api/path-scope';
import type { EventBus } from '../app/event-bus';
import { AccessGuard, newToken, tokenCookie } from './access-guard';
import { openEventStream } from './event-stream';
import { sendError, sendText, setSecurityHeaders } from './http-io';
import { handleOperation } from './operation-route';
import { handleReportDownload } from './report-route';
import { serveStatic } from './static-files';
import { handleUpload } from './upload-route';

/** The only address the server listens on: never reachable from other machines. */
export const LOOPBACK = '127.0.0.1';

/**
 * What the server needs: the home folder (uploads, reports), the handlers (in this process, or
 * calls to the back-end process), their events, and where the UI is built.
 */
export interface BrowserServerOptions {
  home: string;
  handlers: Handlers;
  events: Pick<EventBus, 'on'>;
  /** Port to listen on; 0 or undefined picks a free port. */
  port?: number;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
}

/** A running browser-mode server. */
export interface BrowserServer {
  /** The link to open: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  token: string;
  port: number;
  server: http.Server;
  /** Ends the event streams and open connections and stops listening. Does not close the context. */
  close(): Promise<void>;
}

/** What browser mode says when a request names a file outside its folders. */
const OUTSIDE_HINT = 'Upload the file through the app instead (Import, Score a file, Import model); the command line (`lstm-studio`) reads and writes any path.';

/**
 * Starts the browser-mode server and resolves once it is listening. File paths in requests are
 * confined to the home's uploads, reports and exports folders; uploads to the settings' limit.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = newToken();
  const handlers = scopeFilePaths(options.handlers, new PathScope(options.home, OUTSIDE_HINT));
  const streams = new Set<{ end(): void }>();
  let guard: AccessGuard; // set once listening, before any request can arrive
  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (res.headersSent) res.destroy();
      else sendError(res, err);
    });
  });
  // Imports of large files keep a request open for minutes; event streams stay open for hours.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5_000;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    if (!guard.hostAllowed(req.headers.host) || !guard.originAllowed(req.headers.origin)) {
      return sendText(res, 403, 'Forbidden: this server only answers pages it served itself, at 127.0.0.1 or localhost.');
    }
    if (!guard.authorized(req, url)) {
      return sendText(res, 401, 'Unauthorized: open the link printed by `lstm-studio serve`; it carries the access token.');
    }
    const method = req.method ?? 'GET';
    const { pathname } = url;
    if (pathname.startsWith('/api/op/')) {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return handleOperation(req, res, pathname.slice('/api/op/'.length), handlers);
    }
    if (pathname === '/api/events') {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      const stream = openEventStream(req, res, options.events);
      streams.add(stream);
      return stream.closed.then(() => void streams.delete(stream));
    }
    if (pathname === '/api/upload') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return handleUpload(req, res, url, options.home, (await options.handlers['app:info']()).uploadLimitBytes);
    }
    if (pathname.startsWith('/api/reports/')) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      return handleReportDownload(req, res, pathname.slice('/api/reports/'.length), options.home);
    }
    if (pathname.startsWith('/api/')) return sendText(res, 404, `No such API route: ${pathname}.`);
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    if (guard.matches(url.searchParams.get('token'))) res.setHeader('Set-Cookie', tokenCookie(token));
    return serveStatic(req, res, options.staticDir, pathname);
  }

  const port = await listen(server, options.port ?? 0);
  guard = new AccessGuard(token, port);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    token,
    port,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function methodNotAllowed(res: http.ServerResponse, allowed: string): void {
  res.setHeader('Allow', allowed);
  sendText(res, 405, `Method not allowed here; use ${allowed}.`);
}

/** Listens on 127.0.0.1:`port`; a busy or forbidden port is a user error that says what to do. */
function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new UserError(`Port ${port} is already in use. Choose another with --port N, or --port 0 for any free port.`));
      else if (err.code === 'EACCES') reject(new UserError(`Not allowed to listen on port ${port}. Choose a port above 1023 with --port N, or --port 0.`));
      else reject(err);
    });
    server.listen(port, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
}
