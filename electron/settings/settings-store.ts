import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RecentFile } from '../../shared/api';

/** The desktop window's last position and size, restored on the next launch. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Small user preferences kept beside the project database (`<home>/settings.json`). */
export interface SettingsStore {
  /** Where the settings live on disk. */
  readonly path: string;
  /** Recently imported files, newest first, at most {@link MAX_RECENT_FILES}, only files that still exist. */
  recentFiles(): RecentFile[];
  /** Puts a file at the top of the recent list (moving it there if already listed). */
  addRecentFile(filePath: string): void;
  /** The saved window bounds, or null before the first window was closed. */
  windowState(): WindowState | null;
  setWindowState(state: WindowState): void;
  /** The largest file browser mode accepts as an upload, in bytes (`uploadLimitBytes`, default 2 GiB). */
  uploadLimitBytes(): number;
  setUploadLimitBytes(bytes: number): void;
}

/** How many recent files are remembered. */
export const MAX_RECENT_FILES = 10;

/** Default upload limit of browser mode: 2 GiB. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 2 * 1024 ** 3;

/** The settings file is only the user's: read and written by its owner alone. */
export const SETTINGS_FILE_MODE = 0o600;

/** File name (without `.json`) of the settings inside the home folder. */
export const SETTINGS_NAME = 'settings';

interface SettingsShape {
  recentFiles: RecentFile[];
  windowState?: WindowState;
  uploadLimitBytes?: number;
}

/** JSON schema of settings.json; a file that breaks it is set aside rather than stopping the app. */
const SCHEMA = {
  recentFiles: {
    type: 'array',
    default: [],
    items: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        name: { type: 'string' },
        openedAt: { type: 'string' },
      },
      required: ['path', 'name', 'openedAt'],
    },
  },
  windowState: {
    type: 'object',
    properties: {
      x: { type: 'number' },
      y: { type: 'number' },
      width: { type: 'number', minimum: 1 },
      height: { type: 'number', minimum: 1 },
      maximized: { type: 'boolean' },
    },
    required: ['x', 'y', 'width', 'height', 'maximized'],
  },
  uploadLimitBytes: { type: 'number', minimum: 1 },
} as const;

/** The part of conf / electron-store this module uses. */
interface KeyValueFile {
  readonly path: string;
  get(key: string, defaultValue?: unknown): unknown;
  set(key: string, value: unknown): void;
}

/**
 * Opens `<home>/settings.json`: electron-store in Electron's main process, conf (same API, no Electron) elsewhere,
 * so the CLI, the browser-mode server and the tests share the same file and code.
 * A damaged file is renamed to `settings.json.broken-<time>` and replaced by defaults, with a warning.
 */
export function openSettings(home: string): SettingsStore {
  fs.mkdirSync(home, { recursive: true });
  const file = openBackingFile(home);
  return {
    path: file.path,
    recentFiles() {
      return readRecent(file).filter((f) => fs.existsSync(f.path));
    },
    addRecentFile(filePath) {
      const next = addRecent(readRecent(file).filter((f) => fs.existsSync(f.path)), filePath, new Date());
      file.set('recentFiles', next);
    },
    windowState() {
      const s = file.get('windowState');
      return isWindowState(s) ? { ...s } : null;
    },
    setWindowState(state) {
      if (!isWindowState(state)) throw new TypeError(`Not a window state: ${JSON.stringify(state)}`);
      const { x, y, width, height, maximized } = state;
      file.set('windowState', { x, y, width, height, maximized });
    },
    uploadLimitBytes() {
      const v = file.get('uploadLimitBytes');
      return typeof v === 'number' && v >= 1 ? Math.floor(v) : DEFAULT_UPLOAD_LIMIT_BYTES;
    },
    setUploadLimitBytes(bytes) {
      if (!Number.isFinite(bytes) || bytes < 1) throw new TypeError(`Not an upload limit in bytes: ${bytes}`);
      file.set('uploadLimitBytes', Math.floor(bytes));
    },
  };
}

/** Returns the recent list with `filePath` first: de-duplicated by path, capped at {@link MAX_RECENT_FILES}. */
export function addRecent(list: readonly RecentFile[], filePath: string, now: Date): RecentFile[] {
  const abs = path.resolve(filePath);
  const entry: RecentFile = { path: abs, name: path.basename(abs), openedAt: now.toISOString() };
  const rest = list.filter((f) => path.resolve(f.path) !== abs);
  return [entry, ...rest].slice(0, MAX_RECENT_FILES);
}

function readRecent(file: KeyValueFile): RecentFile[] {
  const list = file.get('recentFiles', []);
  return Array.isArray(list) ? (list as RecentFile[]) : [];
}

function isWindowState(s: unknown): s is WindowState {
  if (typeof s !== 'object' || s === null) return false;
  const w = s as Record<string, unknown>;
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  return (
    finite(w.x) && finite(w.y) && finite(w.width) && finite(w.height) &&
    (w.width as number) > 0 && (w.height as number) > 0 && typeof w.maximized === 'boolean'
  );
}

function openBackingFile(home: string): KeyValueFile {
  try {
    return createBackingFile(home);
  } catch (err) {
    const target = path.join(home, `${SETTINGS_NAME}.json`);
    if (!fs.existsSync(target)) throw err;
    const aside = `${target}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, aside);
    console.warn(
      `Settings file ${target} could not be read (${(err as Error).message}). ` +
        `It was moved to ${aside} and default settings are used instead.`,
    );
    return createBackingFile(home);
  }
}

function createBackingFile(home: string): KeyValueFile {
  // Electron's main process only: the back end's utility process has no `app` for electron-store.
  if (process.versions.electron && (process as { type?: string }).type === 'browser') {
    // Required lazily: electron-store imports electron, which only exists inside Electron.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ElectronStore = require('electron-store') as typeof import('electron-store');
    return new ElectronStore<SettingsShape>({ cwd: home, name: SETTINGS_NAME, schema: SCHEMA as never, clearInvalidConfig: true, configFileMode: SETTINGS_FILE_MODE });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Conf = require('conf') as typeof import('conf').default;
  return new Conf<SettingsShape>({
    cwd: home,
    configName: SETTINGS_NAME,
    schema: SCHEMA as never,
    clearInvalidConfig: true,
    configFileMode: SETTINGS_FILE_MODE,
  });
}
