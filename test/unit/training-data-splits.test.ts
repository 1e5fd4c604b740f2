import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import { writeDemoCsv } from '../../electron/data/demo-seed';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { DEFAULT_VARIANT, mergeVariant, type PartialVariant } from '../../shared/model/variant';
import type { PreparedData, WindowBatch } from '../../shared/training/prepared';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

/** Imports CSV text into a fresh database; returns a function preparing it with a partial config. */
async function csvDataset(text: string, options = {}): Promise<{ db: Database.Database; prepare: (c: PartialVariant) => PreparedData }> {
  const db = freshDb();
  const d = await importFile(db, writeTemp(tempDir(), 'data.csv', text), options);
  return { db, prepare: (c) => prepareTrainingData(db, d.summary.id, mergeVariant(DEFAULT_VARIANT, c)) };
}

/** Units A, B, C with index times from 0, values 1000 x unit number + t (a value tells its unit and row) and an aux column. */
function unitsCsv(lengths: number[]): string {
  const lines = ['unit,t,value,aux'];
  lengths.forEach((n, u) => {
    for (let t = 0; t < n; t++) lines.push(`${'ABC'[u]},${t},${1000 * (u + 1) + t},${(t * 7) % 11}`);
  });
  return lines.join('\n') + '\n';
}

const RAW = { scaling: { method: 'none', predictDelta: false, instanceNorm: false } } as const;
const splits = (p: PreparedData): [string, WindowBatch][] => [['train', p.train], ['validation', p.validation], ['test', p.test]];

describe('splits and scaling without leakage', () => {
  it('never lets a window cross entities, chronologically or entity-wise', async () => {
    const { prepare } = await csvDataset(unitsCsv([100, 120, 80]), { entityColumn: 'unit', timeColumn: 't' });
    for (const mode of ['chronological', 'entity'] as const) {
      const p = prepare({ ...RAW, input: { features: ['value'], targets: ['value'], window: 10, horizon: 3 }, training: { split: { train: 0.7, validation: 0.15, test: 0.15, mode } } });
      let windows = 0;
      for (const [, b] of splits(p)) {
        for (let i = 0; i < b.n; i++) {
          const unit = 'ABC'.indexOf(b.meta[i].entity) + 1;
          const x = [...b.x.subarray(i * 10, (i + 1) * 10)];
          const y = [...b.y.subarray(i * 3, (i + 1) * 3)];
          assert.deepEqual([...x, ...y], Array.from({ length: 13 }, (_, k) => 1000 * unit + b.meta[i].end - 9 + k), `${mode} window ${i} of ${b.meta[i].entity}`);
          windows++;
        }
      }
      if (mode === 'entity') assert.equal(windows, 88 + 108 + 68, 'every window of every entity, each in one split');
      else assert.ok(windows > 240, `${windows} windows`);
    }
  });

  it('chronological: training targets end before validation starts, validation targets before test starts', async () => {
    const { prepare } = await csvDataset(unitsCsv([200, 150, 90]), { entityColumn: 'unit', timeColumn: 't' });
    for (const [task, horizon, stride] of [['forecast', 5, 1], ['forecast', 12, 3], ['regress', 1, 4]] as const) {
      const first = task === 'forecast' ? 1 : 0;
      const last = task === 'forecast' ? horizon : 0;
      const p = prepare({ ...RAW, task, input: { features: ['value'], targets: task === 'forecast' ? ['value'] : ['aux'], window: 8, horizon, stride }, training: { split: { mode: 'chronological' } } } as PartialVariant);
      assert.equal(p.split.mode, 'chronological');
      for (const b of p.split.boundaries) {
        const ends = (batch: WindowBatch) => batch.meta.filter((m) => m.entity === b.entity).map((m) => m.end);
        const [train, val, test] = [ends(p.train), ends(p.validation), ends(p.test)];
        assert.ok(train.length > 0 && val.length > 0 && test.length > 0, `${b.entity}: every split has windows`);
        assert.ok(b.validationStart !== null && b.testStart !== null);
        assert.ok(Math.max(...train) + last < b.validationStart, `${task} h${horizon}: training targets stop before ${b.validationStart}`);
        assert.ok(Math.min(...val) + first >= b.validationStart);
        assert.ok(Math.max(...val) + last < b.testStart, 'validation targets stop before the test period');
        assert.ok(Math.min(...test) + first >= b.testStart);
        assert.ok(Math.max(...train) < Math.min(...val) && Math.max(...val) < Math.min(...test));
      }
      assert.deepEqual(p.split.windows, { train: p.train.n, validation: p.validation.n, test: p.test.n });
    }
  });

  it('entity-wise: the same seed gives the same disjoint split of whole entities', async () => {
    const dir = tempDir();
    writeDemoCsv(`${dir}/demo.csv`);
    const db = freshDb();
    const d = await importFile(db, `${dir}/demo.csv`, { timeColumn: 'timestamp', entityColumn: 'asset_id' });
    const run = (seed: number) =>
      prepareTrainingData(db, d.summary.id, mergeVariant(DEFAULT_VARIANT, { task: 'rul', input: { window: 24, stride: 6 }, scaling: { predictDelta: false }, training: { seed, split: { train: 0.6, validation: 0.2, test: 0.2, mode: 'entity' } } }));
    const a = run(7);
    const b = run(7);
    assert.deepEqual(a.split, b.split);
    assert.deepEqual(a.train.x, b.train.x);
    const lists = a.split.entities!;
    const all = [...lists.train, ...lists.validation, ...lists.test];
    assert.equal(new Set(all).size, 8, 'every pump in exactly one split');
    assert.deepEqual(all.sort(), d.entities.map((e) => e.name).sort());
    assert.deepEqual([lists.train.length, lists.validation.length, lists.test.length], [5, 2, 1]);
    for (const [name, batch] of splits(a)) {
      const owners = new Set(batch.meta.map((m) => m.entity));
      assert.deepEqual([...owners].sort(), [...lists[name as 'train']].sort(), `${name} windows come from its entities only`);
    }
    const assignments = new Set([1, 2, 3, 4, 5].map((s) => JSON.stringify(run(s).split.entities)));
    assert.ok(assignments.size > 1, 'other seeds give other splits');
  });

  it('entity-wise needs three entities: with two it says to use chronological', async () => {
    const { prepare } = await csvDataset(unitsCsv([100, 100]), { entityColumn: 'unit', timeColumn: 't' });
    assert.throws(
      () => prepare({ input: { targets: ['value'], window: 10 }, training: { split: { train: 0.7, validation: 0.15, test: 0.15, mode: 'entity' } } }),
      (e: Error) => e.name === 'UserError' && /^training\.split\.mode: .*at least 3 .* has 2\. Use training\.split\.mode: chronological/.test(e.message),
    );
  });

  it('fits scalers on training rows only: huge values in the last 15% change nothing', async () => {
    const n = 1000;
    const value = (t: number) => 20 + 3 * Math.sin(t / 9) + t / 200;
    const csv = (poison: boolean) =>
      ['t,value,other', ...Array.from({ length: n }, (_, t) => `${t},${poison && t >= 0.85 * n ? 1e6 : value(t)},${poison && t >= 0.85 * n ? -1e6 : Math.cos(t / 5)}`)].join('\n') + '\n';
    const clean = await csvDataset(csv(false));
    const poisoned = await csvDataset(csv(true));
    for (const method of ['zscore', 'minmax'] as const) {
      const config: PartialVariant = { input: { targets: ['value'], window: 20, horizon: 4 }, scaling: { method, predictDelta: true } };
      const a = clean.prepare(config);
      const b = poisoned.prepare(config);
      assert.deepEqual(b.featureScaler, a.featureScaler, `${method}: feature scaler unaffected`);
      assert.deepEqual(b.targetScaler, a.targetScaler, `${method}: target scaler unaffected`);
      assert.deepEqual(b.train.x, a.train.x);
      assert.ok(Math.max(...b.test.x) > 1e4, 'the poison does reach the test windows');
      // The fitted statistics are those of the rows under the training windows.
      const lastRow = Math.max(...a.train.meta.map((m) => m.end));
      assert.ok(lastRow < 0.85 * n - 4);
      const rows = Array.from({ length: lastRow + 1 }, (_, t) => value(t));
      const col = b.featureScaler.columns[0];
      if (method === 'zscore') {
        const mean = rows.reduce((s, v) => s + v, 0) / rows.length;
        const std = Math.sqrt(rows.reduce((s, v) => s + (v - mean) ** 2, 0) / (rows.length - 1));
        assert.ok(Math.abs(col.offset - mean) < 1e-9 && Math.abs(col.scale - std) < 1e-9, `mean ${col.offset} vs ${mean}, std ${col.scale} vs ${std}`);
      } else {
        assert.equal(col.offset, Math.min(...rows));
        assert.ok(Math.abs(col.offset + col.scale - Math.max(...rows)) < 1e-9);
      }
    }
  });
});
