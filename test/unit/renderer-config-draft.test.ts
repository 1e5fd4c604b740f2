/** The Configure page's config draft: edits by path, errors per field, and targets that follow the task and the dataset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnProfile, DatasetDetail } from '../../shared/dataset';
import { DEFAULT_VARIANT } from '../../shared/model/variant';
import { applyDataset, applyTask, dataColumns, errorsFor, initialConfig, setPath, suggestedTask } from '../../renderer/src/training/config-draft';

const column = (name: string, role: ColumnProfile['role'], type: ColumnProfile['type']): ColumnProfile => ({
  name, role, type, count: 10, missing: 0, missingPct: 0, min: null, max: null, mean: null, std: null,
});

/** A dataset profile with the columns given. */
function detail(columns: ColumnProfile[], over: Partial<DatasetDetail['summary']> = {}): DatasetDetail {
  return {
    summary: {
      id: 1, name: 'd', format: 'long', rows: 10, entities: 1, timeColumn: 't', timeKind: 'datetime', entityColumn: null,
      labelColumn: null, sourcePath: null, sizeBytes: 1, fingerprint: 'f', createdAt: '2026-01-01T00:00:00Z', ...over,
    },
    columns, entities: [], interval: null, regularity: null, gapCount: 0, largestGaps: [], warnings: [],
  };
}

const pumps = dataColumns(detail([column('t', 'time', 'datetime'), column('pressure', 'feature', 'number'), column('flow', 'feature', 'number'), column('state', 'feature', 'category')]));

test('the training columns of a dataset: numeric features, label candidates, calendar features', () => {
  assert.deepEqual(pumps, { numeric: ['pressure', 'flow'], labels: ['state'], wide: false, datetime: true, labelColumn: null });
  const wide = dataColumns(detail([column('c1', 'label', 'category')], { format: 'wide', labelColumn: 'c1', timeKind: 'index' }));
  assert.equal(wide.wide, true);
  assert.equal(suggestedTask(wide), 'classify');
  assert.equal(suggestedTask(pumps), 'forecast');
});

test('setPath edits a copy at a dotted path and creates missing groups', () => {
  const before = { a: { b: 1 } };
  const after = setPath(before, 'a.c.d', 2);
  assert.deepEqual(after, { a: { b: 1, c: { d: 2 } } });
  assert.deepEqual(before, { a: { b: 1 } }, 'the original is unchanged');
});

test('a field shows its own errors and those of its items and sub-fields, named', () => {
  const errors = [
    { path: 'input.targets', message: 'Pick a target.' },
    { path: 'input.targets[1]', message: 'No such column.' },
    { path: 'training.split.train', message: 'Too small.' },
    { path: 'input.targetsExtra', message: 'Not mine.' },
  ];
  assert.deepEqual(errorsFor(errors, 'input.targets'), ['Pick a target.', 'Item 2: No such column.']);
  assert.deepEqual(errorsFor(errors, 'training.split'), ['train: Too small.']);
});

test('switching the task keeps fitting targets, drops others and predicts one step outside forecast', () => {
  const forecast = applyTask(DEFAULT_VARIANT, 'forecast', pumps);
  assert.deepEqual(forecast.input?.targets, ['pressure']);
  const two = setPath(forecast, 'input.targets', ['flow', 'pressure']);
  const regress = applyTask(two, 'regress', pumps);
  assert.deepEqual(regress.input?.targets, ['flow'], 'regression keeps one target');
  assert.equal(regress.input?.horizon, 1);
  assert.deepEqual(applyTask(two, 'classify', pumps).input?.targets, ['state']);
  assert.deepEqual(applyTask(two, 'rul', pumps).input?.targets, []);
});

test('a new dataset keeps the task when it can and drops features it does not have', () => {
  const config = setPath(initialConfig(pumps, null), 'input.features', ['flow', 'gone']);
  assert.deepEqual(config.input?.features, ['flow', 'gone']);
  const next = applyDataset(config, pumps);
  assert.equal(next.task, 'forecast');
  assert.deepEqual(next.input?.features, ['flow']);
  const noLabels = dataColumns(detail([column('x', 'feature', 'number')]));
  assert.equal(applyDataset(applyTask(config, 'classify', pumps), noLabels).task, 'forecast', 'classify needs a label');
});
