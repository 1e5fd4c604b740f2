import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

/** Page size of a new project database. */
const PAGE_SIZE = 16384;

/**
 * Opens the project database: WAL journal (readers never block the importer's writer), foreign keys,
 * a busy timeout, and every pending migration applied in its own transaction.
 * `LSTM_STUDIO_SQLITE_BINDING` may point at a better_sqlite3.node built for Electron.
 */
export function openDatabase(file: string): Database.Database {
  const nativeBinding = process.env.LSTM_STUDIO_SQLITE_BINDING || undefined;
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  // Series chunks are 64 KB blobs: larger pages than SQLite's 4 KB halve the work of writing and
  // checkpointing them. It takes effect on a new database only (an existing one keeps its pages).
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  migrate(db);
  return db;
}

/** Applies migrations newer than the database's `user_version`; refuses a database from a newer app. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.length;
  if (current > latest) {
    throw new Error(
      `The project database (schema version ${current}) was written by a newer LSTM Studio (this one knows up to ${latest}). Update the app, or open another home folder with --home.`,
    );
  }
  for (let v = current; v < latest; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** Reads a value from the key/value app state table (e.g. whether the demo data was seeded). */
export function getAppState(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Writes a value to the app state table. */
export function setAppState(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
