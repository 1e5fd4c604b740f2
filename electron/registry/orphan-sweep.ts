/**
 * Start-up sweep of model folders a killed save left behind: `models/NAME/vN` with no registry row
 * (the process died between writing the files and committing the row) and `vN.tmp-import` (an
 * import died before its rename). Saves write their folder while holding the database's write lock
 * (saveModelVersion), so the sweep takes that lock first: while it holds it no save is under way,
 * and another process's save in progress is never mistaken for an orphan. Only folders older than
 * the running process are removed; when the lock is busy the sweep waits for the next start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { modelFolderName } from '../store/models-repo';

const VERSION_FOLDER = /^v(\d+)(\.tmp-import)?$/;

/** When this process started, in epoch ms. */
export function processStartMs(): number {
  return Date.now() - process.uptime() * 1000;
}

/**
 * Removes orphaned version folders under `<home>/models` older than `before` (epoch ms, the
 * process's start by default) and returns their paths; nothing when the write lock is busy.
 */
export function sweepOrphanModels(db: Database.Database, home: string, before = processStartMs()): string[] {
  const root = path.join(home, 'models');
  if (!fs.existsSync(root)) return [];
  // Never wait for the lock at start-up (an import elsewhere may hold it for minutes).
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return [];
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  const removed: string[] = [];
  try {
    const rows = db.prepare('SELECT name, version, path FROM models').all() as { name: string; version: number; path: string }[];
    const registered = new Set<string>();
    for (const r of rows) {
      registered.add(path.resolve(r.path));
      registered.add(path.join(root, modelFolderName(r.name), `v${r.version}`));
    }
    for (const model of fs.readdirSync(root, { withFileTypes: true })) {
      if (!model.isDirectory()) continue;
      const folder = path.join(root, model.name);
      for (const v of fs.readdirSync(folder, { withFileTypes: true })) {
        const dir = path.join(folder, v.name);
        if (!v.isDirectory() || !VERSION_FOLDER.test(v.name) || registered.has(dir)) continue;
        if (!(fs.lstatSync(dir).mtimeMs < before)) continue;
        fs.rmSync(dir, { recursive: true, force: true });
        removed.push(dir);
      }
      if (removed.length > 0 && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
    }
  } finally {
    db.exec('COMMIT');
  }
  return removed;
}
