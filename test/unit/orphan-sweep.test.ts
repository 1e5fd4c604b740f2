/**
 * The start-up sweep of model folders a killed save left behind: version folders with no registry
 * row and `.tmp-import` folders older than the process are removed when the app context opens;
 * registered versions, folders newer than the process and other files stay; a save in progress in
 * another process (it holds the write lock) is never swept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { openAppContext } from '../../electron/app/context';
import { sweepOrphanModels } from '../../electron/registry/orphan-sweep';
import { insertModel, modelDir } from '../../electron/store/models-repo';
import { tempDir } from '../helpers/fixtures';

/** A version folder with one file, its times set `ageMs` in the past (or future when negative). */
function folder(dir: string, ageMs: number): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.json'), '{}');
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(dir, t, t);
  return dir;
}

test('orphaned model folders are swept at start-up; registered, newer and foreign ones stay', async () => {
  const home = tempDir('lstm-sweep-');
  let ctx = openAppContext({ home, mode: 'cli' });
  const v1 = folder(modelDir(home, 'pump', 1), 3_600_000);
  insertModel(ctx.db, { name: 'pump', version: 1, path: v1, task: 'forecast', runId: 'r1', datasetId: 1, datasetName: 'd', createdAt: new Date().toISOString(), metrics: {}, parameters: 1 });
  await ctx.close();
  const v2 = folder(modelDir(home, 'pump', 2), 3_600_000); // killed after its files, before its row
  const v3tmp = folder(`${modelDir(home, 'pump', 3)}.tmp-import`, 3_600_000); // killed before the rename
  const lone = folder(modelDir(home, 'Other Name', 1), 3_600_000); // a whole model folder of orphans
  const fresh = folder(modelDir(home, 'pump', 4), -60_000); // newer than this process: not ours to judge
  const notes = folder(path.join(home, 'models', 'pump', 'my-notes'), 3_600_000); // not a version folder

  ctx = openAppContext({ home, mode: 'cli' });
  await ctx.close();
  for (const gone of [v2, v3tmp, lone, path.dirname(lone)]) assert.ok(!fs.existsSync(gone), `${gone} is swept`);
  for (const kept of [v1, fresh, notes]) assert.ok(fs.existsSync(path.join(kept, 'model.json')), `${kept} stays`);
});

test('the sweep waits for no lock: while another connection saves (holds the write lock) nothing is swept', () => {
  const home = tempDir('lstm-sweep-busy-');
  const ctx = openAppContext({ home, mode: 'cli' });
  const saving = folder(modelDir(home, 'pump', 1), 3_600_000);
  const other = new Database(ctx.dbPath);
  try {
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    assert.deepEqual(sweepOrphanModels(ctx.db, home, Date.now()), []);
    assert.ok(Date.now() - started < 2000, 'no busy wait');
    assert.ok(fs.existsSync(saving));
    other.exec('ROLLBACK');
    assert.deepEqual(sweepOrphanModels(ctx.db, home, Date.now()), [saving]);
  } finally {
    other.close();
    void ctx.close();
  }
});
