import * as path from 'node:path';
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import type { DatasetDetail, ImportOptions } from '../../shared/dataset';
import { runImport, type ImportControl } from '../../electron/data/import-runner';
import { openDatabase } from '../../electron/store/database';
import { getDatasetDetail } from '../../electron/store/dataset-repo';
import { tempDir } from './fixtures';

/** A fresh project database in a temp folder. */
export function freshDb(): Database.Database {
  return openDatabase(path.join(tempDir(), 'studio.sqlite'));
}

/** Imports a file into a database and returns the stored dataset's detail. */
export async function importFile(db: Database.Database, file: string, options: ImportOptions = {}, control?: ImportControl): Promise<DatasetDetail> {
  const id = await runImport(db, file, options, control);
  return getDatasetDetail(db, id);
}

/** Asserts the store holds no dataset, column, entity or series chunk at all. */
export function assertEmptyStore(db: Database.Database): void {
  for (const table of ['datasets', 'dataset_columns', 'entities', 'series_chunks']) {
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
    assert.equal(n, 0, `${table} should be empty`);
  }
}
