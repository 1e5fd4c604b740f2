import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { DEFAULT_VARIANT, mergeVariant } from '../../shared/model/variant';
import { persistenceBaseline, toOriginalUnits } from '../../shared/training/original-units';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

test('the persistence baseline repeats each window\'s last observed value, in target units', async () => {
  const rows = ['t,level,other'];
  for (let i = 0; i < 200; i++) rows.push(`${i},${100 + 3 * Math.sin(i / 5) + i / 10},${Math.cos(i / 7)}`);
  const db = freshDb();
  const d = await importFile(db, writeTemp(tempDir(), 'level.csv', rows.join('\n')), { timeColumn: 't' });
  const config = mergeVariant(DEFAULT_VARIANT, { task: 'forecast', input: { targets: ['level'], features: ['level', 'other'], window: 10, horizon: 3 } });
  const prepared = prepareTrainingData(db, d.summary.id, config);
  const baseline = persistenceBaseline(prepared, 'validation')!;
  const v = prepared.validation;
  assert.equal(baseline.length, v.n * 3);
  for (let i = 0; i < v.n; i++) {
    const last = 100 + 3 * Math.sin(v.meta[i].end / 5) + v.meta[i].end / 10;
    for (let h = 0; h < 3; h++) assert.ok(Math.abs(baseline[i * 3 + h] - last) < 1e-3, `window ${i} step ${h}`);
  }
  // The true future is not the last value, so the baseline has a real error to beat.
  const { actual } = toOriginalUnits(prepared, 'validation', v.y);
  assert.ok(actual.some((a, k) => Math.abs(a - baseline[k]) > 0.05));
  const regress = mergeVariant(DEFAULT_VARIANT, { task: 'regress', input: { targets: ['level'], features: ['other'], window: 10 } });
  assert.equal(persistenceBaseline(prepareTrainingData(db, d.summary.id, regress), 'validation'), null);
});
