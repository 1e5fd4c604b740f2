/**
 * The defaults that make models honest out of the box: forecasts start at persistence, the split is
 * by entity where assets are judged, and condition-wise normalisation is fitted on training rows only
 * and applied identically when scoring.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as TF from '@tensorflow/tfjs';
import { buildModel } from '../../electron/engine/build-model';
import { initEngine, tf } from '../../electron/engine/backend';
import { loadPresets } from '../../electron/training/presets';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { loadEntitySeries } from '../../electron/training/load-series';
import { resolveTrainConfig } from '../../electron/training/resolve-config';
import { retaskDefaults, variantDefaults } from '../../shared/model/task-defaults';
import { validateVariant } from '../../shared/model/variant-validation';
import { DEFAULT_VARIANT, mergeVariant, type PartialVariant } from '../../shared/model/variant';
import { applyConditions, fitConditions, kMeans } from '../../shared/training/condition-norm';
import type { EntitySeries } from '../../shared/training/entity-series';
import { prepareForScoring } from '../../shared/training/scoring-pipeline';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

const FORECAST_PRESETS = ['standard', 'lightweight', 'bidirectional', 'deep', 'attention', 'robust', 'cnn-lstm'];

describe('forecast defaults', () => {
  it('every forecast preset normalises each window, predicts the change and uses a robust loss unless told otherwise', () => {
    const presets = loadPresets();
    for (const name of FORECAST_PRESETS) {
      const c = resolveTrainConfig(presets, name, { task: 'forecast', input: { targets: ['value'] } });
      assert.equal(c.scaling.instanceNorm, true, name);
      assert.equal(c.scaling.predictDelta, true, name);
      assert.ok(c.training.loss === 'huber' || c.training.loss === 'mae', `${name}: ${c.training.loss}`);
      assert.equal(c.training.earlyStopping.restoreBestWeights, true, name);
      assert.equal(c.head.linearSkip, true, `${name}: the linear map of the window beside the network`);
    }
    const off = resolveTrainConfig(presets, 'standard', { task: 'forecast', input: { targets: ['value'] }, scaling: { instanceNorm: false, predictDelta: false }, head: { linearSkip: false }, training: { loss: 'mse' } });
    assert.deepEqual([off.scaling.instanceNorm, off.scaling.predictDelta, off.head.linearSkip, off.training.loss], [false, false, false, 'mse']);
    // Other tasks keep their own defaults.
    const rul = resolveTrainConfig(presets, 'rul', {});
    assert.deepEqual([rul.scaling.instanceNorm, rul.training.loss, rul.training.split.mode, rul.head.linearSkip], [false, 'mse', 'auto', false]);
    const regress = resolveTrainConfig(presets, 'standard', { task: 'regress', input: { targets: ['value'] } });
    assert.deepEqual([regress.scaling.instanceNorm, regress.head.linearSkip], [false, false]);
  });

  it('switching the task moves fields still at a default and keeps what the user changed', () => {
    const forecast = variantDefaults('forecast');
    const toRul = retaskDefaults(forecast, 'forecast', 'rul');
    assert.deepEqual([toRul.scaling.instanceNorm, toRul.training.loss], [false, 'mse']);
    const edited = mergeVariant(forecast, { training: { loss: 'mae' } });
    assert.equal(retaskDefaults(edited, 'forecast', 'regress').training.loss, 'mae');
    assert.equal(retaskDefaults(toRul, 'rul', 'forecast').scaling.instanceNorm, true);
  });

  it('an untrained forecaster that predicts the change outputs exactly the last value', async () => {
    await initEngine();
    const config = variantDefaults('forecast');
    const model = buildModel(config, { window: 12, features: 2, outputs: 6, task: 'forecast' });
    const x = tf().randomNormal([4, 12, 2]);
    const out = (model.predict(x) as TF.Tensor).dataSync();
    assert.ok(out.every((v: number) => v === 0), 'zero change everywhere');
    // The linear skip reads the whole window (12 steps x 2 features) and starts at zero too.
    assert.deepEqual(model.getLayer('skip').getWeights()[0].shape, [24, 6]);
    assert.deepEqual(model.outputs[0].shape, [null, 6]);
    // Without predictDelta a zero output would mean "predict the mean": the usual initialisation stays.
    const raw = buildModel(mergeVariant(config, { scaling: { predictDelta: false } }), { window: 12, features: 2, outputs: 6, task: 'forecast' });
    assert.ok((raw.predict(x) as TF.Tensor).dataSync().some((v: number) => v !== 0));
    x.dispose();
  });
});

/** Units U1..Un with cycles from 1, a sensor that grows with the cycle, and a setting column. */
function fleetCsv(units: number, length: (u: number) => number, setting: (u: number, t: number) => number = () => 0): string {
  const lines = ['unit,cycle,setting,sensor'];
  for (let u = 1; u <= units; u++) for (let t = 1; t <= length(u); t++) lines.push(`U${u},${t},${setting(u, t)},${(10 * u + t / 10 + setting(u, t) * 100).toFixed(3)}`);
  return lines.join('\n') + '\n';
}

async function dataset(text: string) {
  const db = freshDb();
  const d = await importFile(db, writeTemp(tempDir(), 'fleet.csv', text), { entityColumn: 'unit', timeColumn: 'cycle' });
  const prepare = (c: PartialVariant) => prepareTrainingData(db, d.summary.id, mergeVariant(DEFAULT_VARIANT, c));
  return { db, id: d.summary.id, prepare };
}

describe('split mode auto', () => {
  it('splits rul by entity when there are enough entities, and says so', async () => {
    const { prepare } = await dataset(fleetCsv(10, (u) => 40 + u));
    const p = prepare({ task: 'rul', input: { window: 8 } });
    assert.equal(p.split.mode, 'entity');
    const { train, validation, test } = p.split.entities!;
    assert.equal(train.length + validation.length + test.length, 10);
    assert.ok(validation.length > 0 && test.length > 0);
    assert.equal(new Set([...train, ...validation, ...test]).size, 10, 'each history whole in one split');
    assert.ok(p.notes.some((n) => /^Split by entity \(training\.split\.mode: auto\): 10 entities/.test(n)), p.notes.join('\n'));
    // Regression on assets is judged on unseen assets too; forecasts are judged on the future.
    assert.equal(prepare({ task: 'regress', input: { features: ['setting'], targets: ['sensor'], window: 8 } }).split.mode, 'entity');
    const f = prepare({ task: 'forecast', input: { targets: ['sensor'], window: 8 } });
    assert.equal(f.split.mode, 'chronological');
    assert.ok(f.notes.some((n) => n.startsWith('Split chronologically (training.split.mode: auto)')));
    // An explicit mode wins.
    assert.equal(prepare({ task: 'rul', input: { window: 8 }, training: { split: { mode: 'chronological' } } }).split.mode, 'chronological');
  });

  it('falls back to chronological with fewer than three entities', async () => {
    const { prepare } = await dataset(fleetCsv(2, () => 80));
    assert.equal(prepare({ task: 'rul', input: { window: 8 } }).split.mode, 'chronological');
  });

  it('accepts auto in the schema and refuses an unknown mode naming the choices', () => {
    assert.ok(validateVariant({ task: 'rul', training: { split: { mode: 'auto' } } }).ok);
    const bad = validateVariant({ task: 'rul', training: { split: { mode: 'random' } } });
    assert.ok(!bad.ok && /use one of auto, chronological, entity/.test(bad.errors[0].message));
  });
});

/** Three operating regimes (setting 0, 10, 20); the sensor's level depends on the regime, plus a slow drift. */
function regimeSeries(name: string, length: number, shift = 0): EntitySeries {
  const setting = new Float64Array(length);
  const sensor = new Float64Array(length);
  for (let r = 0; r < length; r++) {
    setting[r] = 10 * ((r * 7 + name.length) % 3) + 0.01 * ((r * 13) % 5);
    sensor[r] = 100 * setting[r] + r / 10 + shift;
  }
  return { name, label: null, time: null, columns: { setting, sensor } };
}

describe('condition-wise normalisation', () => {
  const config = mergeVariant(DEFAULT_VARIANT, { task: 'rul', scaling: { conditions: { columns: ['setting'], clusters: 'auto' } } });

  it('finds the regimes and removes their levels from the other inputs', () => {
    const series = [regimeSeries('a', 300), regimeSeries('bb', 300)];
    const all = series.map((s) => new Uint8Array(s.columns.sensor.length).fill(1));
    const state = fitConditions(series, all, ['setting', 'sensor'], config)!;
    assert.equal(state.centroids.length, 3, 'auto found three clusters');
    assert.deepEqual(state.inputs, ['sensor'], 'the setting itself is not normalised');
    const out = applyConditions(series, state)[0].columns.sensor;
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    const spread = Math.max(...out) - Math.min(...out);
    assert.ok(Math.abs(mean) < 0.1 && spread < 5, `per-regime z-scores: mean ${mean}, range ${spread} (raw range ${Math.max(...series[0].columns.sensor) - Math.min(...series[0].columns.sensor)})`);
    assert.equal(fitConditions(series, all, ['sensor'], mergeVariant(config, { scaling: { conditions: { columns: [] } } })), null);
  });

  it('uses training rows only: changing every other row changes nothing that was fitted', () => {
    const series = [regimeSeries('a', 200), regimeSeries('bb', 200)];
    const train = series.map(() => Uint8Array.from({ length: 200 }, (_, r) => (r < 120 ? 1 : 0)));
    const before = fitConditions(series, train, ['setting', 'sensor'], config);
    const altered = series.map((s) => {
      const sensor = Float64Array.from(s.columns.sensor, (v, r) => (r < 120 ? v : v * 50 + 1e6));
      const setting = Float64Array.from(s.columns.setting, (v, r) => (r < 120 ? v : 500 + r));
      return { ...s, columns: { setting, sensor } };
    });
    assert.deepEqual(fitConditions(altered, train, ['setting', 'sensor'], config), before);
  });

  it('k-means is seeded: the same seed gives the same centres', () => {
    const pts = Array.from({ length: 200 }, (_, i) => [i % 4, (i * 7) % 13]);
    assert.deepEqual(kMeans(pts, 4, 7), kMeans(pts, 4, 7));
  });

  it('is stored with the model and applied identically at scoring time', async () => {
    const { db, id, prepare } = await dataset(fleetCsv(9, (u) => 60 + 3 * u, (u, t) => 5 * ((u + t) % 3)));
    const partial = { task: 'rul', input: { window: 6 }, scaling: { conditions: { columns: ['setting'] } } } as PartialVariant;
    const p = prepare(partial);
    assert.ok(p.conditions && p.conditions.centroids.length === 3, 'three regimes');
    assert.ok(p.notes.some((n) => n.startsWith('Normalised 1 input per operating condition: 3 clusters of `setting`')));
    assert.ok(p.split.entities, 'by entity');
    const config = mergeVariant(DEFAULT_VARIANT, partial);
    const model = { config, featureScaler: p.featureScaler, targetScaler: p.targetScaler, featureNames: p.featureNames, targetNames: p.targetNames, classNames: p.classNames, window: p.inputShape[0], horizon: p.horizon, outputs: p.outputs, inputStats: p.inputStats, impute: p.impute, conditions: JSON.parse(JSON.stringify(p.conditions)) };
    const { detail, series } = loadEntitySeries(db, id);
    const scored = prepareForScoring(detail, series, model, { requireTargets: true });
    const key = (e: string, row: number) => `${e}:${row}`;
    const index = new Map(scored.batch.meta.map((m, i) => [key(m.entity, m.row), i]));
    const W = p.inputShape[0] * p.inputShape[1];
    let compared = 0;
    for (const b of [p.train, p.test]) {
      for (let i = 0; i < b.n; i++) {
        const j = index.get(key(b.meta[i].entity, b.meta[i].row))!;
        assert.deepEqual([...scored.batch.x.subarray(j * W, (j + 1) * W)], [...b.x.subarray(i * W, (i + 1) * W)]);
        compared++;
      }
    }
    assert.ok(compared > 100, `${compared} windows compared`);
    // The raw inputs' statistics stay in the data's units for the data-quality checks.
    assert.ok(p.inputStats.find((s) => s.name === 'sensor')!.mean! > 10);
    // Scoring data without the setting column is refused naming it.
    const other = series.map((s) => ({ ...s, columns: { sensor: s.columns.sensor } }));
    assert.throws(() => prepareForScoring(detail, other, model), /scaling\.conditions\.columns: this dataset has no column `setting`/);
  });

  it('is refused for forecasts, naming the field', () => {
    const r = validateVariant({ task: 'forecast', input: { targets: ['a'] }, scaling: { conditions: { columns: ['s'] } } });
    assert.ok(!r.ok && r.errors[0].path === 'scaling.conditions.columns');
    const k = validateVariant({ task: 'rul', scaling: { conditions: { columns: ['s'], clusters: 40 } } });
    assert.ok(!k.ok && /whole number from 1 to 12/.test(k.errors[0].message));
  });
});
