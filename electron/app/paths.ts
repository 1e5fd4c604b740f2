import * as os from 'node:os';
import * as path from 'node:path';

/** Folder name of the app's data under the platform's user-data folder (as Electron's userData). */
export const APP_DIR_NAME = 'LSTM Studio';

/** The platform's per-user application data folder, matching Electron's `app.getPath('userData')`. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_DIR_NAME);
}

/**
 * Where the project database and settings live: `--home DIR` wins, then `LSTM_STUDIO_HOME`,
 * then the platform default (or the given Electron userData folder).
 */
export function resolveHome(options: { flag?: string; env?: NodeJS.ProcessEnv; fallback?: string } = {}): string {
  const env = options.env ?? process.env;
  const chosen = options.flag ?? env.LSTM_STUDIO_HOME ?? options.fallback ?? defaultHome(env);
  return path.resolve(chosen);
}

/** Reads `--home DIR` or `--home=DIR` from an argv list. */
export function homeFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--home') return argv[i + 1];
    if (a.startsWith('--home=')) return a.slice('--home='.length);
  }
  return undefined;
}
