/**
 * Saves a trained model as the next version of its name: the version is chosen, the files written
 * and the registry row inserted under one write lock, so two runs never take the same version and
 * the registry never lists a model whose files are missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { insertModel, modelDir, nextModelVersion, type NewModel } from '../store/models-repo';

/** What the registry row needs besides the version and the folder. */
export type ModelEntry = Omit<NewModel, 'version' | 'path'>;

/**
 * Picks the next version of `entry.name`, calls `write(dir, version)` to save the files into
 * `<home>/models/<safe name>/v<version>`, and registers it. On failure nothing is registered and
 * the folder is removed.
 */
export async function saveModelVersion(
  db: Database.Database,
  home: string,
  entry: ModelEntry,
  write: (dir: string, version: number) => Promise<void>,
): Promise<{ version: number; path: string }> {
  await beginImmediate(db);
  let dir: string | null = null;
  try {
    const version = nextModelVersion(db, entry.name);
    dir = modelDir(home, entry.name, version);
    // A folder here is not in the registry: the remains of a save that never committed.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await write(dir, version);
    insertModel(db, { ...entry, version, path: dir });
    db.exec('COMMIT');
    return { version, path: dir };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
      // The model's folder too when this save made it (a refused first version leaves nothing).
      if (fs.existsSync(path.dirname(dir)) && fs.readdirSync(path.dirname(dir)).length === 0) fs.rmdirSync(path.dirname(dir));
    }
    throw err;
  }
}

/** How long a save waits for the write lock (an import may hold it for minutes). */
const LOCK_TIMEOUT_MS = 10 * 60_000;

/** Takes the write lock, waiting while another connection (an import) holds it. */
async function beginImmediate(db: Database.Database): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      if (Date.now() > deadline) {
        throw new UserError('The project database stayed busy for 10 minutes (a long import?), so the trained model could not be registered. Train again when the import has finished.');
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
