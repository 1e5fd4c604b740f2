/**
 * The Electron main process: one secure window over the back end, which runs in a utility process
 * (shell/utility-backend.ts: database, jobs, engine never block the window). Main keeps the window locked
 * down (see electron/shell/), checks the sender of every IPC call and the file paths it names,
 * relays the calls to the back end and its events to the window, and serves the native dialogs,
 * the PDF printer and the file manager the back end asks for.
 */
import * as path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, shell, type MessageBoxOptions, type OpenDialogOptions } from 'electron';
import type { PickedFile } from '../shared/api';
import { BackendClient } from './api/backend-client';
import { PathScope, scopeFilePaths } from './api/path-scope';
import { homeFlag, resolveHome } from './app/paths';
import { printWithElectron } from './reports/pdf-electron';
import { openSettings, type SettingsStore } from './settings/settings-store';
import { installCsp } from './shell/csp';
import { forwardEvents, registerOperations } from './shell/ipc-bridge';
import { APP_INDEX_URL, APP_SCHEME_REGISTRATION, handleAppProtocol } from './shell/app-protocol';
import { isTrustedSender } from './shell/trusted-sender';
import { denyPermissions, hardenWebContents, openExternalConfirmed, secureWebPreferences } from './shell/window-security';
import { initialWindow, MIN_SIZE, trackWindowState } from './shell/window-state';
import { utilityBackendProcess } from './shell/utility-backend';

/** The renderer's build, served on app://studio/ (never file://). */
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.js');
const INDEX_URL = APP_INDEX_URL;

/** File types offered by the import dialog. */
export const IMPORT_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl'] },
  { name: 'All files', extensions: ['*'] },
];

/** File types offered by the model import dialog. */
export const MODEL_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'LSTM Studio models', extensions: ['lsmodel'] },
  { name: 'All files', extensions: ['*'] },
];

let backend: BackendClient | undefined;
let mainWindow: BrowserWindow | undefined;

// The home folder holds the database and settings, so it is also Electron's userData folder: two
// instances on the same home share one lock, while `--home` gives an independent instance.
const home = resolveHome({ flag: homeFlag(process.argv), fallback: app.getPath('userData') });
if (path.resolve(app.getPath('userData')) !== home) app.setPath('userData', home);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]); // before ready, as Electron requires
if (process.platform === 'win32') app.setAppUserModelId('org.lstmstudio.app');

if (!app.requestSingleInstanceLock()) {
  console.log(`LSTM Studio is already running on ${home}; switching to that window.`);
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { indexUrl: INDEX_URL, openExternal: confirmOpenExternal });
  });
  app.whenReady().then(start).catch(fail);
}

/** Starts the back end, wires IPC and events, and shows the window. */
async function start(): Promise<void> {
  handleAppProtocol(protocol, RENDERER_DIR);
  installCsp(session.defaultSession);
  denyPermissions(session.defaultSession);

  // The back end opens the database and seeds the demo data; main reads only the settings (window state, recent files).
  const client = BackendClient.launch({
    spawn: utilityBackendProcess,
    options: { home, mode: 'desktop', seedDemo: true },
    hooks: {
      pickFile: () => pickFile(mainWindow, { title: 'Import a data file', properties: ['openFile'], filters: IMPORT_FILTERS }),
      pickModelFile: () => pickFile(mainWindow, { title: 'Import a model', properties: ['openFile'], filters: MODEL_FILTERS }),
      printPdf: printWithElectron,
      showFile: (file) => shell.showItemInFolder(file),
    },
  });
  backend = client;
  await client.whenReady();
  const settings = openSettings(home);

  // The window may name only files of the home's uploads/reports/exports, those the user chose in
  // a file dialog this session (the scope remembers them) and the recent files.
  const scope = new PathScope(home, 'Choose the file with the app\'s Import dialog.', () => settings.recentFiles().map((f) => f.path));
  registerOperations(ipcMain, scopeFilePaths(client.handlers(), scope), (event) => isTrustedSender(event, INDEX_URL));
  forwardEvents(client.events, (channel, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  });

  createWindow(settings);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(settings);
  });
}

/** Creates the main window at its saved position and loads the renderer. */
function createWindow(settings: SettingsStore): BrowserWindow {
  const placement = initialWindow(
    settings.windowState(),
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'LSTM Studio',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  mainWindow = win;
  trackWindowState(win, (state) => settings.setWindowState(state));
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  win.loadURL(INDEX_URL).catch((err: unknown) => fail(err));
  return win;
}

/** Opens an http(s) link in the system browser once the user confirms it in a dialog showing the URL. */
async function confirmOpenExternal(url: string): Promise<void> {
  const ask = (prompt: MessageBoxOptions) => (mainWindow ? dialog.showMessageBox(mainWindow, prompt) : dialog.showMessageBox(prompt));
  await openExternalConfirmed(url, ask, (u) => shell.openExternal(u));
}

/** Shows the native file dialog for an import; null when the user cancels. */
async function pickFile(parent: BrowserWindow | undefined, options: OpenDialogOptions): Promise<PickedFile | null> {
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  const picked = result.filePaths[0];
  if (result.canceled || !picked) return null;
  return { path: picked, name: path.basename(picked) };
}

/** Reports a startup failure in words a person can act on, then quits. */
function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const hint = /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)
    ? '\n\nThe SQLite module (better-sqlite3) was built for Node, not Electron. Start the app with ' +
      '`npm start`, which builds an Electron copy, or run `npx electron-builder install-app-deps`.'
    : '';
  console.error('LSTM Studio could not start:', err);
  dialog.showErrorBox('LSTM Studio could not start', `${message}${hint}\n\nData folder: ${home}`);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Ask the back end to stop its jobs and close the database before quitting (once; the second quit goes through).
let closed = false;
app.on('will-quit', (event) => {
  if (closed || !backend) return;
  event.preventDefault();
  const client = backend;
  backend = undefined;
  client
    .close()
    .catch((err: unknown) => console.error('Could not close the project cleanly:', err))
    .finally(() => {
      closed = true;
      app.quit();
    });
});
