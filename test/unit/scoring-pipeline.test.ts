/** The scoring pipeline: a saved model's scalers applied to other data, windows up to the latest row, clear errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLimit } from '../../electron/cli/analysis-args';
import { predictionsCsv } from '../../electron/cli/csv-output';
import { predictionColumns } from '../../electron/evaluation/predict-version';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { loadEntitySeries } from '../../electron/training/load-series';
import { detectSeason } from '../../shared/evaluation/metrics';
import { DEFAULT_VARIANT, mergeVariant, type VariantConfig } from '../../shared/model/variant';
import { baseFeatureNames, prepareForScoring, type ScoringModel } from '../../shared/training/scoring-pipeline';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

const csv = (rows: number, f: (t: number) => string, header = 't,a,b') => [header, ...Array.from({ length: rows }, (_, t) => `${t},${f(t)}`)].join('\n') + '\n';

/** A "saved model" for the config, with the scalers fitted on `file` as training would. */
async function trainedOn(file: string, config: VariantConfig): Promise<ScoringModel> {
  const db = freshDb();
  const d = await importFile(db, file);
  const p = prepareTrainingData(db, d.summary.id, config);
  return { config, featureScaler: p.featureScaler, targetScaler: p.targetScaler, featureNames: p.featureNames, targetNames: p.targetNames, classNames: p.classNames, window: p.inputShape[0], horizon: p.horizon, outputs: p.outputs, inputStats: p.inputStats, impute: p.impute };
}

async function seriesOf(file: string) {
  const db = freshDb();
  const d = await importFile(db, file);
  return loadEntitySeries(db, d.summary.id);
}

describe('prepareForScoring', () => {
  const config = mergeVariant(DEFAULT_VARIANT, { input: { features: ['a', 'b'], targets: ['a'], window: 5, horizon: 2 }, scaling: { method: 'zscore', predictDelta: true } });

  it('scales new data with the stored scalers and ends the last window at the latest row', async () => {
    const dir = tempDir();
    const model = await trainedOn(writeTemp(dir, 'train.csv', csv(100, (t) => `${t % 10},${t % 7}`)), config);
    const { detail, series } = await seriesOf(writeTemp(dir, 'new.csv', csv(30, (t) => `${100 + t},${t % 3}`)));
    const data = prepareForScoring(detail, series, model, { latestOnly: true });
    assert.equal(data.batch.n, 1);
    assert.equal(data.batch.meta[0].row, 29);
    // The last input step of feature a is (129 - mean) / std of the training a, not re-fitted.
    const a = model.featureScaler.columns[0];
    const last = data.batch.x[(5 - 1) * 2 + 0];
    assert.ok(Math.abs(last - (129 - a.offset) / a.scale) < 1e-4, `${last}`);
    assert.equal(data.known[0], 0); // its future is unknown
    const all = prepareForScoring(detail, series, model, {});
    assert.equal(all.batch.n, 26); // windows end at rows 4..29
    const labelled = prepareForScoring(detail, series, model, { requireTargets: true });
    assert.equal(labelled.batch.n, 24); // the last two have no 2-step future
  });

  it('names the missing input columns, and refuses evaluation without the target', async () => {
    const dir = tempDir();
    const model = await trainedOn(writeTemp(dir, 'train.csv', csv(100, (t) => `${t % 10},${t % 7}`)), config);
    const other = await seriesOf(writeTemp(dir, 'other.csv', csv(40, (t) => `${t},${t}`, 't,a,c')));
    assert.throws(() => prepareForScoring(other.detail, other.series, model), /lacks the model's input column `b` \(the model was trained on `a`, `b`\)/);
    const regress = mergeVariant(DEFAULT_VARIANT, { task: 'regress', input: { features: ['a'], targets: ['b'], window: 5 } });
    const rModel = await trainedOn(writeTemp(dir, 'train2.csv', csv(100, (t) => `${t % 10},${t % 7}`)), regress);
    const noTarget = await seriesOf(writeTemp(dir, 'nob.csv', csv(40, (t) => `${t},${t}`, 't,a,c')));
    assert.equal(prepareForScoring(noTarget.detail, noTarget.series, rModel).batch.n, 36);
    assert.throws(() => prepareForScoring(noTarget.detail, noTarget.series, rModel, { requireTargets: true }), /has no `b` column, so the model's predictions cannot be checked/);
  });

  it('derives the base inputs from engineered feature names', () => {
    const c = mergeVariant(DEFAULT_VARIANT, { engineering: { lags: [1], differences: true } });
    assert.deepEqual(baseFeatureNames({ config: c, featureNames: ['a', 'b', 'a_lag1', 'a_diff', 'b_lag1', 'b_diff'] }), ['a', 'b']);
  });
});

describe('analysis helpers', () => {
  it('parses alarm limits', () => {
    assert.deepEqual(parseLimit('temp>95'), { column: 'temp', op: '>', value: 95 });
    assert.deepEqual(parseLimit(' pressure < -1.5e1 '), { column: 'pressure', op: '<', value: -15 });
    assert.throws(() => parseLimit('temp=95'), /COLUMN>VALUE/);
  });

  it('names prediction columns and writes the predict CSV', () => {
    assert.deepEqual(predictionColumns({ task: 'forecast', horizon: 2, targetNames: ['v'], classNames: [] }), ['yhat_1', 'yhat_2']);
    assert.deepEqual(predictionColumns({ task: 'forecast', horizon: 2, targetNames: ['a', 'b'], classNames: [] }), ['a_yhat_1', 'b_yhat_1', 'a_yhat_2', 'b_yhat_2']);
    assert.deepEqual(predictionColumns({ task: 'rul', horizon: 1, targetNames: ['rul'], classNames: [] }), ['yhat_1']);
    assert.deepEqual(predictionColumns({ task: 'classify', horizon: 1, targetNames: ['c1'], classNames: ['1', '2'] }), ['p_1', 'p_2']);
    const rows = predictionsCsv({
      model: {} as never,
      datasetName: 'd',
      entityColumn: 'unit',
      timeKind: 'datetime',
      columns: ['p_a', 'p_b'],
      classes: ['b'],
      rows: [{ entity: 'u1', time: Date.UTC(2024, 0, 1), values: [0.25, 0.75], reliability: 'ok' }],
      reliability: { ok: 1, caution: 0, unreliable: 0 },
    });
    assert.deepEqual(rows, [
      ['entity', 'time', 'class', 'p_a', 'p_b', 'reliability'],
      ['u1', '2024-01-01T00:00:00.000Z', 'b', 0.25, 0.75, 'ok'],
    ]);
  });

  it('detects a daily season in hourly data but none in a smooth trend', () => {
    const hourly = Array.from({ length: 24 * 30 }, (_, t) => Math.sin((2 * Math.PI * t) / 24) + 0.001 * t);
    assert.equal(detectSeason(hourly, 100), 24);
    const trend = Array.from({ length: 500 }, (_, t) => Math.sqrt(t) + 0.01 * Math.sin(t));
    assert.equal(detectSeason(trend, 100), null);
  });
});
