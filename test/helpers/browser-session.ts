/**
 * End-to-end plumbing shared by the browser-mode tests: the real `lstm-studio serve` process on a
 * fresh home, Chromium driven by playwright-core, and a record of console errors, page errors,
 * failed responses and CSP violations.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { OperationName, Req, Res } from '../../shared/api';
import { projectRoot } from './fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running server and a browser page on it. */
export interface BrowserSession {
  /** The printed link, with its token. */
  appUrl: string;
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  home: string;
  page: Page;
  /** Console errors, page errors, HTTP >= 400 responses and CSP violations seen so far. */
  consoleErrors: string[];
  /** What the server printed so far (stdout and stderr). */
  serverLog(): string;
  /** Saves a screenshot of the whole page to test-artifacts/. */
  fullPageShot(file: string): Promise<void>;
  /** Closes the browser, stops the server and removes the home folder. */
  close(): Promise<void>;
}

/** The folder for screenshots and other artifacts of the test run. */
export const ARTIFACTS = path.join(projectRoot(), 'test-artifacts');

/** Starts `lstm-studio serve` on a fresh home and opens Chromium on a 1440 x 900 page. */
export async function openBrowserSession(homePrefix: string): Promise<BrowserSession> {
  const root = projectRoot();
  assert.ok(fs.existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  assert.ok(fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html')), 'Build the renderer first: node scripts/build.js');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), homePrefix));
  const { child: server, url: appUrl, log: serverLog } = await startServer(root, home);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // Report CSP violations as console errors (the init script is injected by the browser, not subject to the CSP).
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));",
  );
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) consoleErrors.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
  });
  return {
    appUrl,
    baseUrl: new URL(appUrl).origin,
    home,
    page,
    consoleErrors,
    serverLog,
    async fullPageShot(file) {
      // The viewport grows to the content so the sticky status bar sits at the bottom.
      const size = page.viewportSize() ?? { width: 1440, height: 900 };
      const box = await page.locator('.app').boundingBox();
      const height = Math.max(size.height, Math.ceil(box?.height ?? size.height));
      await page.setViewportSize({ width: size.width, height });
      await page.screenshot({ path: path.join(ARTIFACTS, file) });
      await page.setViewportSize(size);
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Calls one operation of the session's server over HTTP with its token (for setting up what a test needs). */
export async function callApi<K extends OperationName>(session: BrowserSession, op: K, req: Req<K>): Promise<Res<K>> {
  const token = new URL(session.appUrl).searchParams.get('token') ?? '';
  const res = await fetch(`${session.baseUrl}/api/op/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Studio-Token': token }, body: JSON.stringify({ req }) });
  const body = (await res.json()) as { ok: boolean; value?: Res<K>; error?: { message: string } };
  if (!body.ok) throw new Error(`${op}: ${body.error?.message}`);
  return body.value as Res<K>;
}

/**
 * Uploads a local file through `POST /api/upload`, as the app's file picker does, and returns the
 * path the server stored it at (browser mode reads only files in its uploads, reports and exports).
 */
export async function uploadFile(session: BrowserSession, file: string): Promise<string> {
  const token = new URL(session.appUrl).searchParams.get('token') ?? '';
  const res = await fetch(`${session.baseUrl}/api/upload?name=${encodeURIComponent(path.basename(file))}`, { method: 'POST', headers: { 'X-Studio-Token': token }, body: fs.readFileSync(file) });
  const body = (await res.json()) as { ok: boolean; value?: { path: string }; error?: { message: string } };
  if (!body.ok || !body.value) throw new Error(`upload of ${file}: ${body.error?.message}`);
  return body.value.path;
}

/** Starts `lstm-studio serve` on a free port and resolves with the printed link. */
function startServer(root: string, home: string): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'lstm-studio.js'), 'serve', '--port', '0', '--home', home, '--no-open'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`The server printed no link within 30 s. Output:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0], log: () => log });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${code} before printing its link. Output:\n${log}`));
    });
  });
}

/**
 * Registers an afterEach hook for the calling test file: when a test fails, the page's screenshot goes
 * to test-artifacts/failed-<file>-<n>.png and the URL, the visible text, the console errors and the
 * server's output are printed, so a failure on CI explains itself.
 */
export function keepFailureEvidence(file: string, current: () => BrowserSession | undefined): void {
  let failures = 0;
  afterEach(async (t) => {
    const session = current();
    // Node 20.20 sets `passed` on the context; @types/node 20 does not declare it yet.
    if ((t as { passed?: boolean }).passed !== false || !session) return;
    failures += 1;
    const shot = path.join(ARTIFACTS, `failed-${file}-${failures}.png`);
    const page = session.page;
    const text = await page
      .locator('body')
      .innerText({ timeout: 5_000 })
      .catch((err: Error) => `(page text unavailable: ${err.message})`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}\n[... ${s.length - n} more characters]` : s);
    console.log(
      [
        `--- evidence of the failed test "${t.name}" (${file}) ---`,
        `screenshot: ${shot}`,
        `url: ${page.url()}`,
        `page text:\n${clip(text, 2000)}`,
        `console errors: ${session.consoleErrors.length === 0 ? 'none' : session.consoleErrors.join('\n')}`,
        `server output (last 3000 characters):\n${session.serverLog().slice(-3000)}`,
        '--- end of evidence ---',
      ].join('\n'),
    );
  });
}
