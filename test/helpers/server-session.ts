/**
 * A browser-mode server on a temp home, and raw HTTP requests to it (for the server tests). As
 * `lstm-studio serve` runs it, the server relays to a back end in a forked process; the in-process
 * variant lets a test replace handlers or read the database directly.
 */
import { after } from 'node:test';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Handlers } from '../../shared/api';
import { forkBackend } from '../../electron/api/fork-backend';
import { createHandlers } from '../../electron/api/handlers';
import { openAppContext, type AppContext } from '../../electron/app/context';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { openSettings, type SettingsStore } from '../../electron/settings/settings-store';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh home with a tiny built UI in it. */
function homeWithUi(): { home: string; staticDir: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-server-'));
  const staticDir = path.join(home, 'ui');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>LSTM Studio</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  return { home, staticDir };
}

/**
 * Starts a server on a fresh home whose back end runs in a forked process, as in `lstm-studio serve`;
 * `settings` is the home's settings file (the back end reads it at each use).
 */
export async function startServer(): Promise<{ server: BrowserServer; home: string; settings: SettingsStore }> {
  const { home, staticDir } = homeWithUi();
  const backend = forkBackend({ options: { home, mode: 'browser' } });
  await backend.whenReady();
  const server = await startBrowserServer({ home, handlers: backend.handlers(), events: backend.events, port: 0, staticDir });
  cleanups.push(async () => {
    await server.close();
    await backend.close();
    fs.rmSync(home, { recursive: true, force: true });
  });
  return { server, home, settings: openSettings(home) };
}

/** Starts a server with the handlers in this process on a fresh home; `overrides` replace some handlers. */
export async function startInProcessServer(overrides: Partial<Handlers> = {}): Promise<{ server: BrowserServer; home: string; ctx: AppContext }> {
  const { home, staticDir } = homeWithUi();
  const ctx = openAppContext({ home, mode: 'browser' });
  const server = await startBrowserServer({ home, handlers: { ...createHandlers(ctx), ...overrides }, events: ctx.events, port: 0, staticDir });
  cleanups.push(async () => {
    await server.close();
    await ctx.close();
    fs.rmSync(home, { recursive: true, force: true });
  });
  return { server, home, ctx };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request (raw so that tests control Host, Origin and unnormalised paths). */
export function request(port: number, options: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Calls an operation with the token header, as the browser bridge does. */
export function op(server: BrowserServer, name: string, req: unknown = null): Promise<Answer> {
  return request(server.port, {
    method: 'POST',
    path: `/api/op/${name}`,
    headers: { 'X-Studio-Token': server.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ req }),
  });
}

/** Opens the event stream and collects its events. */
export function openEvents(server: BrowserServer): Promise<{ events: { event: string; data: any }[]; status: number; close(): void; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: any }[] = [];
    const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` }, (res) => {
      let buffer = '';
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      });
      resolve({ events, status: res.statusCode ?? 0, close: () => req.destroy(), ended });
    });
    req.on('error', reject);
  });
}

