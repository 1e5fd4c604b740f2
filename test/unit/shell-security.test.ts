import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { OPERATION_NAMES, buildApi, type Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { EventBus } from '../../electron/app/event-bus';
import { CONTENT_SECURITY_POLICY, withCsp } from '../../electron/shell/csp';
import { forwardEvents, registerOperations } from '../../electron/shell/ipc-bridge';
import { eventChannel, unwrapIpcResult } from '../../electron/shell/ipc-protocol';
import { appIndexUrl, isTrustedSender, isTrustedUrl } from '../../electron/shell/trusted-sender';
import {
  decideNavigation,
  decideWindowOpen,
  isExternalLink,
  isPermissionAllowed,
  secureWebPreferences,
} from '../../electron/shell/window-security';
import { DEFAULT_SIZE, MIN_SIZE, initialWindow } from '../../electron/shell/window-state';
import { APP_INDEX_URL, APP_SCHEME_REGISTRATION } from '../../electron/shell/app-protocol';

const ROOT = findRoot(__dirname);
const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
const INDEX = appIndexUrl('/opt/LSTM Studio/resources/app.asar/dist/renderer/index.html');

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

test('only our own index page is a trusted sender', () => {
  assert.equal(INDEX, 'file:///opt/LSTM%20Studio/resources/app.asar/dist/renderer/index.html');
  assert.ok(isTrustedUrl(INDEX, INDEX, 'linux'));
  assert.ok(isTrustedUrl(`${INDEX}#/datasets/3`, INDEX, 'linux'), 'hash routes are the same page');
  assert.ok(isTrustedUrl(`${INDEX}?tab=import`, INDEX, 'linux'), 'the query is the same page');
  assert.ok(isTrustedUrl('file:///opt/LSTM Studio/resources/app.asar/dist/renderer/index.html', INDEX, 'linux'));
  for (const bad of [
    'file:///opt/LSTM%20Studio/resources/app.asar/dist/renderer/other.html',
    'file:///tmp/index.html',
    'file:///opt/LSTM%20Studio/resources/app.asar/dist/renderer/index.html/../../../../../tmp/evil.html',
    'file://evil-host/opt/LSTM%20Studio/resources/app.asar/dist/renderer/index.html',
    'https://example.com/index.html',
    'http://localhost:5173/',
    'data:text/html,<script>1</script>',
    'about:blank',
    'devtools://devtools/bundled/index.html',
    'not a url',
    '',
    null,
    undefined,
  ]) {
    assert.equal(isTrustedUrl(bad, INDEX, 'linux'), false, `${bad} must not be trusted`);
  }
});

test('file paths compare case-insensitively only on Windows', () => {
  const win = 'file:///C:/Program%20Files/LSTM%20Studio/resources/app.asar/dist/renderer/index.html';
  const lower = win.replace('C:/Program%20Files', 'c:/program%20files');
  assert.ok(isTrustedUrl(lower, win, 'win32'));
  assert.equal(isTrustedUrl(lower, win, 'linux'), false);
});

test('IPC events are checked by their sender frame, and a missing frame is untrusted', () => {
  assert.ok(isTrustedSender({ senderFrame: { url: INDEX } }, INDEX, 'linux'));
  assert.equal(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } }, INDEX, 'linux'), false);
  assert.equal(isTrustedSender({ senderFrame: null }, INDEX, 'linux'), false);
  assert.equal(isTrustedSender({}, INDEX, 'linux'), false);
  const destroyed = {
    get senderFrame(): { url: string } {
      throw new Error('Render frame was disposed');
    },
  };
  assert.equal(isTrustedSender(destroyed, INDEX, 'linux'), false);
});

test('navigation stays on the index page; web links go to the browser; nothing else opens', () => {
  assert.equal(decideNavigation(`${INDEX}#/x`, INDEX, 'linux'), 'allow');
  assert.equal(decideNavigation('https://github.com/', INDEX, 'linux'), 'open-external');
  assert.equal(decideNavigation('http://example.com/', INDEX, 'linux'), 'open-external');
  assert.equal(decideNavigation('file:///etc/passwd', INDEX, 'linux'), 'deny');
  assert.equal(decideNavigation('javascript:alert(1)', INDEX, 'linux'), 'deny');
  assert.equal(decideWindowOpen('https://github.com/'), 'open-external');
  assert.equal(decideWindowOpen(INDEX), 'deny', 'not even our own page opens a second window');
  for (const url of ['file:///tmp/x.html', 'smb://host/share', 'ms-settings:', 'vbscript:x', 'mailto:a@b.c', 'x']) {
    assert.equal(decideWindowOpen(url), 'deny', url);
    assert.equal(isExternalLink(url), false, url);
  }
});

test('the window is isolated, sandboxed and without Node', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.js');
  assert.equal(prefs.preload, '/app/dist/electron/preload.js');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
});

test('permissions are denied except writing to the clipboard', () => {
  for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen']) {
    assert.equal(isPermissionAllowed(p), false, p);
  }
  assert.equal(isPermissionAllowed('clipboard-sanitized-write'), true);
});

test('the CSP header matches the renderer meta tag and replaces any other policy', () => {
  assert.equal(
    CONTENT_SECURITY_POLICY,
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
      "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
  );
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval/);
  const headers = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
  assert.deepEqual(headers, { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  assert.deepEqual(withCsp(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });

  const html = path.join(ROOT, 'renderer', 'index.html');
  if (fs.existsSync(html)) {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(fs.readFileSync(html, 'utf8'));
    assert.ok(meta, 'renderer/index.html should carry a Content-Security-Policy meta tag');
    assert.equal(meta[1], CONTENT_SECURITY_POLICY, 'renderer/index.html meta CSP differs from electron/shell/csp.ts');
  }
});

/** A stand-in for ipcMain that records handlers and lets the test invoke them. */
function fakeIpcMain() {
  const handles = new Map<string, (event: unknown, req: unknown) => Promise<unknown>>();
  return {
    handles,
    handle(channel: string, fn: (event: never, req: unknown) => unknown) {
      handles.set(channel, fn as never);
    },
    removeHandler(channel: string) {
      handles.delete(channel);
    },
  };
}

function fakeHandlers(calls: string[]): Handlers {
  const h: Record<string, (req: unknown) => Promise<unknown>> = {};
  for (const op of OPERATION_NAMES) {
    h[op] = async (req) => {
      calls.push(op);
      if (op === 'datasets:get') throw new UserError('Dataset 9 does not exist. Pick one from the list.');
      if (op === 'datasets:delete') throw new TypeError('boom');
      return { op, req };
    };
  }
  return h as unknown as Handlers;
}

test('every contract operation, and nothing else, is handled; untrusted senders are refused', async () => {
  const ipc = fakeIpcMain();
  const calls: string[] = [];
  const trusted = { senderFrame: { url: INDEX } };
  const untrusted = { senderFrame: { url: 'https://evil.example/' } };
  const stop = registerOperations(ipc as never, fakeHandlers(calls), (e) => isTrustedSender(e, INDEX, 'linux'));
  assert.deepEqual([...ipc.handles.keys()].sort(), [...OPERATION_NAMES].sort());

  const ok = await ipc.handles.get('datasets:rename')!(trusted, { id: 1, name: 'x' });
  assert.deepEqual(ok, { ok: true, value: { op: 'datasets:rename', req: { id: 1, name: 'x' } } });

  const originalWarn = console.warn;
  console.warn = () => {};
  try {
    const refused = (await ipc.handles.get('datasets:delete')!(untrusted, { id: 1 })) as { ok: boolean; error: { message: string } };
    assert.equal(refused.ok, false);
    assert.match(refused.error.message, /Rejected datasets:delete/);
    assert.deepEqual(calls, ['datasets:rename'], 'the handler must not run for an untrusted sender');
  } finally {
    console.warn = originalWarn;
  }

  const userErr = (await ipc.handles.get('datasets:get')!(trusted, { id: 9 })) as { ok: boolean; error: { kind: string; message: string } };
  assert.equal(userErr.ok, false);
  assert.equal(userErr.error.kind, 'user');
  assert.equal(userErr.error.message, 'Dataset 9 does not exist. Pick one from the list.');

  stop();
  assert.equal(ipc.handles.size, 0);
});

test('the preload side unwraps results and rethrows errors with the back end message', async () => {
  assert.equal(unwrapIpcResult({ ok: true, value: 42 }), 42);
  assert.throws(
    () => unwrapIpcResult({ ok: false, error: { name: 'UserError', kind: 'user', message: 'Row 3: bad' } }),
    (err: Error) => err instanceof UserError && err.message === 'Row 3: bad',
  );
  assert.throws(() => unwrapIpcResult(undefined), /malformed reply/);

  // The preload's transport, with ipcRenderer replaced by the main side's handlers.
  const ipc = fakeIpcMain();
  registerOperations(ipc as never, fakeHandlers([]), () => true);
  const sent: string[] = [];
  const api = buildApi({
    invoke: (op, req) => {
      sent.push(op);
      return ipc.handles.get(op)!({}, req).then(unwrapIpcResult);
    },
    subscribe: () => () => {},
  });
  assert.deepEqual(await api.datasets.rename({ id: 2, name: 'y' }), { op: 'datasets:rename', req: { id: 2, name: 'y' } });
  await assert.rejects(api.datasets.get({ id: 9 }), /Dataset 9 does not exist/);
  const originalError = console.error;
  console.error = () => {};
  try {
    await assert.rejects(api.datasets.delete({ id: 1 }), (err: Error) => err.name === 'TypeError' && err.message === 'boom');
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(sent, ['datasets:rename', 'datasets:get', 'datasets:delete']);
});

test('the bundled preload requires nothing but electron (a sandboxed preload cannot load files or Node modules)', () => {
  const preload = path.join(ROOT, 'dist', 'electron', 'preload.js');
  const text = fs.readFileSync(preload, 'utf8');
  const required = [...text.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(required)], ['electron'], `dist/electron/preload.js requires ${required.join(', ')}`);
  assert.match(text, /exposeInMainWorld\(["']studio["']/);
  assert.doesNotMatch(text, /exposeInMainWorld\(["'](?!studio)/, 'only window.studio is exposed');
});

test('every bus event is forwarded on its event: channel until stopped', () => {
  const bus = new EventBus();
  const seen: [string, unknown][] = [];
  const stop = forwardEvents(bus, (channel, payload) => seen.push([channel, payload]));
  const progress = { jobId: 'j', kind: 'import' as const, phase: 'Reading rows', fraction: 0.5, rows: 10, bytes: 5, totalBytes: 10 };
  bus.emit('job:progress', progress);
  bus.emit('job:finished', { jobId: 'j', kind: 'import', ok: true });
  stop();
  bus.emit('job:finished', { jobId: 'k', kind: 'import', ok: true });
  assert.deepEqual(seen, [
    ['event:job:progress', progress],
    ['event:job:finished', { jobId: 'j', kind: 'import', ok: true }],
  ]);
  assert.equal(eventChannel('job:progress'), 'event:job:progress');
});

test('window bounds are restored when visible, re-centred when their display is gone', () => {
  const screenA = { x: 0, y: 0, width: 1920, height: 1040 };
  const screenB = { x: 1920, y: 0, width: 1280, height: 1000 };
  assert.deepEqual(initialWindow(null, [screenA]), { bounds: { ...DEFAULT_SIZE }, maximized: false });

  const onB = { x: 2000, y: 50, width: 1000, height: 700, maximized: true };
  assert.deepEqual(initialWindow(onB, [screenA, screenB]), { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: true });

  // Display B unplugged: keep the size, let Electron centre the window on the primary display.
  assert.deepEqual(initialWindow(onB, [screenA]), { bounds: { width: 1000, height: 700 }, maximized: true });

  // Too big for the display now, and too small to be usable: clamped.
  const huge = { x: 0, y: 0, width: 5000, height: 3000, maximized: false };
  assert.deepEqual(initialWindow(huge, [screenA]).bounds, { x: 0, y: 0, width: 1920, height: 1040 });
  const tiny = { x: 10, y: 10, width: 200, height: 100, maximized: false };
  assert.deepEqual(initialWindow(tiny, [screenA]).bounds, { x: 10, y: 10, width: MIN_SIZE.width, height: MIN_SIZE.height });

  // Only a sliver on screen: not enough to grab the title bar.
  const sliver = { x: 1900, y: 1030, width: 800, height: 600, maximized: false };
  assert.equal(initialWindow(sliver, [screenA]).bounds.x, undefined);
});

type Fn = (...args: any[]) => any;

/** Just enough of Electron's main-process API for main.ts, recording what it is asked to do. */
function fakeElectron(userData: string) {
  const listeners = (): Map<string, Fn[]> => new Map();
  const on = (map: Map<string, Fn[]>) => (name: string, fn: Fn) => void map.set(name, [...(map.get(name) ?? []), fn]);
  const rec = {
    appEvents: listeners(),
    paths: new Map<string, string>([['userData', userData]]),
    quit: 0,
    exits: [] as number[],
    sandboxEnabled: false,
    headerHooks: [] as Fn[],
    permissionRequest: undefined as Fn | undefined,
    permissionCheck: undefined as Fn | undefined,
    handles: new Map<string, Fn>(),
    windows: [] as { options: Record<string, any>; events: Map<string, Fn[]>; loaded: string[]; sent: unknown[][] }[],
    dialogs: [] as unknown[],
    errors: [] as string[],
    opened: [] as string[],
    prompts: [] as { detail: string }[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, Fn>(),
    utilityForks: [] as { modulePath: string; options: Record<string, unknown>; pid: number | undefined; exitCode(): number | null }[],
    shown: [] as string[],
  };
  class BrowserWindow {
    static getAllWindows = () => rec.windows;
    readonly events = listeners();
    readonly loaded: string[] = [];
    readonly sent: unknown[][] = [];
    readonly webContents = { send: (...args: unknown[]) => this.sent.push(args) };
    constructor(readonly options: Record<string, unknown>) {
      rec.windows.push(this as never);
    }
    on = on(this.events);
    once = on(this.events);
    loadFile = async (file: string) => void this.loaded.push(file);
    loadURL = async (url: string) => void this.loaded.push(url);
    isDestroyed = () => false;
    isMinimized = () => false;
    isFullScreen = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 5, y: 6, width: 1100, height: 700 });
    maximize() {}
    show() {}
  }
  const session = {
    webRequest: { onHeadersReceived: (fn: Fn) => rec.headerHooks.push(fn) },
    setPermissionRequestHandler: (fn: Fn) => (rec.permissionRequest = fn),
    setPermissionCheckHandler: (fn: Fn) => (rec.permissionCheck = fn),
    setDevicePermissionHandler: () => {},
    on: () => {},
  };
  const electron = {
    app: {
      getPath: (name: string) => rec.paths.get(name) ?? os.tmpdir(),
      setPath: (name: string, value: string) => rec.paths.set(name, value),
      enableSandbox: () => (rec.sandboxEnabled = true),
      setAppUserModelId: () => {},
      requestSingleInstanceLock: () => true,
      on: on(rec.appEvents),
      whenReady: () => Promise.resolve(),
      quit: () => rec.quit++,
      exit: (code: number) => rec.exits.push(code),
    },
    BrowserWindow,
    session: { defaultSession: session },
    ipcMain: { handle: (op: string, fn: Fn) => rec.handles.set(op, fn), removeHandler: (op: string) => rec.handles.delete(op) },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        rec.dialogs.push(args.at(-1));
        return { canceled: false, filePaths: ['/data/pumps.csv'] };
      },
      showErrorBox: (title: string, message: string) => rec.errors.push(`${title}: ${message}`),
      showMessageBox: async (...args: unknown[]) => {
        rec.prompts.push(args.at(-1) as { detail: string });
        return { response: 0 };
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => rec.schemes.push(...schemes),
      handle: (scheme: string, fn: Fn) => rec.protocolHandlers.set(scheme, fn),
    },
    shell: { openExternal: async (url: string) => void rec.opened.push(url), showItemInFolder: (file: string) => void rec.shown.push(file) },
    // Electron's utilityProcess, played by a real Node child process on the real back-end entry.
    utilityProcess: {
      fork: (modulePath: string, _args: string[], options: Record<string, unknown>) => {
        const child = fork(modulePath, [], { serialization: 'advanced', execArgv: [] });
        rec.utilityForks.push({ modulePath, options, pid: child.pid, exitCode: () => child.exitCode });
        const proc = {
          postMessage: (message: unknown) => child.send(message as never),
          on: (name: string, fn: Fn) => (child.on(name, fn), proc),
          once: (name: string, fn: Fn) => (child.once(name, fn), proc),
          kill: () => child.kill(),
        };
        return proc;
      },
    },
  };
  return { electron, rec };
}

async function waitFor(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Loads dist/electron/main.js (fresh) against a fake Electron, with `--home home`. */
function loadMain(home: string) {
  const mainJs = path.join(ROOT, 'dist', 'electron', 'main.js');
  const { electron, rec } = fakeElectron(path.join(os.tmpdir(), 'lstm-userdata-unused'));
  const electronPath = require.resolve('electron');
  require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: electron } as unknown as NodeJS.Module;
  delete require.cache[mainJs];
  const argv = process.argv;
  process.argv = [...argv, '--home', home];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- main.js is loaded fresh, as Electron would, with the stub electron module
    require(mainJs);
  } finally {
    process.argv = argv;
  }
  return rec;
}

test('main.ts starts the back end in a utility process, seeds demo data there and wires window, IPC and CSP securely (fake Electron)', async () => {
  const home = tempDir('lstm-main-');
  const rec = loadMain(home);
  await waitFor(() => rec.windows.length === 1 || rec.errors.length > 0, 'the window');
  assert.deepEqual(rec.errors, []);
  assert.equal(rec.paths.get('userData'), home, '--home also becomes Electron userData (one instance per home)');
  assert.ok(rec.sandboxEnabled);
  assert.deepEqual(rec.utilityForks.map((f) => f.modulePath), [path.join(ROOT, 'dist', 'electron', 'api', 'backend-entry.js')], 'one back-end process');

  const win = rec.windows[0];
  const prefs = win.options.webPreferences;
  assert.deepEqual(prefs, secureWebPreferences(path.join(ROOT, 'dist', 'electron', 'preload.js')));
  assert.ok(fs.existsSync(prefs.preload!), 'the bundled preload exists');
  const indexFile = path.join(ROOT, 'dist', 'renderer', 'index.html');
  assert.deepEqual(win.loaded, [APP_INDEX_URL], 'the renderer is served on app://, not file://');
  assert.deepEqual(rec.schemes, [APP_SCHEME_REGISTRATION]);
  const serve = rec.protocolHandlers.get('app')!;
  assert.equal((await serve({ url: APP_INDEX_URL })).status, fs.existsSync(indexFile) ? 200 : 404);
  assert.equal((await serve({ url: 'app://studio/../electron/main.js' })).status, 404, 'only the renderer folder is served');

  const [hook] = rec.headerHooks;
  let headers: unknown;
  hook({ responseHeaders: { 'Content-Security-Policy': ["default-src *"] } }, (r: { responseHeaders: unknown }) => (headers = r.responseHeaders));
  assert.deepEqual(headers, { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  let granted: boolean | undefined;
  rec.permissionRequest!(null, 'media', (ok: boolean) => (granted = ok));
  assert.equal(granted, false);
  assert.equal(rec.permissionCheck!(null, 'geolocation'), false);

  const contentsEvents = new Map<string, Fn>();
  let openHandler: Fn = () => {};
  const [hardener] = rec.appEvents.get('web-contents-created')!;
  hardener({}, { on: (n: string, fn: Fn) => contentsEvents.set(n, fn), setWindowOpenHandler: (fn: Fn) => (openHandler = fn) });
  let prevented = false;
  contentsEvents.get('will-navigate')!({ url: 'https://example.com/docs', preventDefault: () => (prevented = true) });
  assert.ok(prevented);
  assert.deepEqual(openHandler({ url: 'file:///etc/passwd' }), { action: 'deny' });
  await waitFor(() => rec.opened.length === 1, 'openExternal');
  assert.deepEqual(rec.opened, ['https://example.com/docs']);
  assert.deepEqual(rec.prompts.map((p) => p.detail), ['https://example.com/docs'], 'the link opened after a dialog showing it');
  let framePrevented = false;
  const warnFrame = console.warn;
  console.warn = () => {};
  try {
    contentsEvents.get('will-frame-navigate')!({ url: 'https://example.com/frame', isMainFrame: false, preventDefault: () => (framePrevented = true) });
  } finally {
    console.warn = warnFrame;
  }
  assert.ok(framePrevented, 'a frame cannot navigate away');
  assert.equal(rec.opened.length, 1, 'nor open a link');

  assert.deepEqual([...rec.handles.keys()].sort(), [...OPERATION_NAMES].sort());
  const trusted = { senderFrame: { url: `${APP_INDEX_URL}#/datasets` } };
  const info = await rec.handles.get('app:info')!(trusted);
  assert.equal(info.ok, true);
  assert.equal(info.value.mode, 'desktop');
  assert.equal(info.value.home, home);
  const warn = console.warn;
  console.warn = () => {};
  try {
    const refused = await rec.handles.get('datasets:list')!({ senderFrame: { url: 'file:///tmp/evil.html' } });
    assert.equal(refused.ok, false);
  } finally {
    console.warn = warn;
  }
  const list = await rec.handles.get('datasets:list')!(trusted);
  assert.equal(list.ok, true);
  assert.ok(list.value.length >= 1, 'the demo dataset was seeded on first launch');
  const picked = await rec.handles.get('dialog:openFile')!(trusted);
  assert.deepEqual(picked, { ok: true, value: { path: '/data/pumps.csv', name: 'pumps.csv' } });
  const dialogOptions = rec.dialogs[0] as { filters: { extensions: string[] }[] };
  assert.deepEqual(dialogOptions.filters.map((f) => f.extensions), [['csv', 'tsv', 'txt', 'json', 'jsonl'], ['*']]);
  assert.equal((await rec.handles.get('dialog:openModelFile')!(trusted)).ok, true);
  const modelDialog = rec.dialogs[1] as { title: string; filters: { extensions: string[] }[] };
  assert.deepEqual([modelDialog.title, modelDialog.filters.map((f) => f.extensions)], ['Import a model', [['lsmodel'], ['*']]]);
  // The window reaches only files the user chose (the dialog's /data/pumps.csv) and the home's folders.
  const outside = await rec.handles.get('datasets:preview')!(trusted, { path: '/etc/passwd' });
  assert.equal(outside.ok, false);
  assert.match(outside.error.message, /The path "\/etc\/passwd" is outside the folders this app may use here .*Choose the file with the app's Import dialog/);
  const chosen = await rec.handles.get('datasets:preview')!(trusted, { path: '/data/pumps.csv' });
  assert.doesNotMatch(chosen.error?.message ?? '', /outside the folders/, 'the chosen file passes the scope');
  const showOutside = await rec.handles.get('reports:show')!(trusted, { path: path.join(home, 'studio.sqlite') });
  assert.match(showOutside.error.message, /outside the folders|Only reports in/);
  // The back end asks main for the file manager over the protocol.
  const report = path.join(home, 'reports', 'r.html');
  fs.writeFileSync(report, '<p>r</p>');
  assert.deepEqual(await rec.handles.get('reports:show')!(trusted, { path: report }), { ok: true, value: { shown: true } });
  await waitFor(() => rec.shown.length === 1, 'the file manager');
  assert.deepEqual(rec.shown, [report]);

  for (const close of win.events.get('close') ?? []) close();
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'settings.json'), 'utf8'));
  assert.deepEqual(saved.windowState, { x: 5, y: 6, width: 1100, height: 700, maximized: false });

  let quitPrevented = false;
  for (const willQuit of rec.appEvents.get('will-quit') ?? []) willQuit({ preventDefault: () => (quitPrevented = true) });
  assert.ok(quitPrevented, 'quitting waits for the database to close');
  await waitFor(() => rec.quit === 1, 'the app to quit after closing the project');
  assert.notEqual(rec.utilityForks[0]!.exitCode(), null, 'the back end has exited before the app quits');
});

test('a startup failure is shown in a dialog naming the data folder, and the app exits', async () => {
  const notAFolder = path.join(tempDir('lstm-main-'), 'file');
  fs.writeFileSync(notAFolder, '');
  const error = console.error;
  console.error = () => {};
  try {
    const rec = loadMain(notAFolder);
    await waitFor(() => rec.exits.length > 0, 'the app to exit');
    assert.deepEqual(rec.exits, [1]);
    assert.equal(rec.windows.length, 0);
    assert.match(rec.errors[0], /^LSTM Studio could not start: /);
    assert.ok(rec.errors[0].includes(`Data folder: ${notAFolder}`));
  } finally {
    console.error = error;
  }
});
