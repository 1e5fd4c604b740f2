import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../shared/api';
import { sweepOrphanModels } from '../registry/orphan-sweep';
import { openDatabase } from '../store/database';
import { openSettings, type SettingsStore } from '../settings/settings-store';
import { EventBus } from './event-bus';
import { JobRegistry } from './job-registry';

/** Everything the back end's services share for one running app (desktop, browser mode or CLI). */
export interface AppContext {
  home: string;
  dbPath: string;
  mode: AppInfo['mode'];
  db: Database.Database;
  events: EventBus;
  jobs: JobRegistry;
  settings: SettingsStore;
  /** Runs `fn` when the context closes (before the database does): services stop their workers. */
  onClose(fn: () => Promise<void> | void): void;
  /** Closes the database and cancels running jobs. */
  close(): Promise<void>;
}

/** File name of the project database inside the home folder. */
export const DB_FILE = 'studio.sqlite';

/** Opens (creating if needed) the home folder, its database with migrations applied, and the settings. */
export function openAppContext(options: { home: string; mode: AppInfo['mode'] }): AppContext {
  fs.mkdirSync(options.home, { recursive: true });
  const dbPath = path.join(options.home, DB_FILE);
  const db = openDatabase(dbPath);
  sweepOrphanModels(db, options.home);
  const events = new EventBus();
  const jobs = new JobRegistry(events);
  const settings = openSettings(options.home);
  const closers: (() => Promise<void> | void)[] = [];
  return {
    home: options.home,
    dbPath,
    mode: options.mode,
    db,
    events,
    jobs,
    settings,
    onClose(fn) {
      closers.push(fn);
    },
    async close() {
      await jobs.cancelAll();
      await Promise.allSettled(closers.map((fn) => fn()));
      db.close();
    },
  };
}
