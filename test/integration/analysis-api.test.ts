/**
 * The analysis operations through the API contract, in-process with their real worker threads, on
 * models trained here on real data: the validation report against baselines, forecasts with
 * intervals, predictions, fleet risk, explanations, other datasets, bad input and cancel.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { dataFile, tempDir, writeTemp } from '../helpers/fixtures';
import { openApiSession, type ApiSession } from '../helpers/api-session';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
const MODEL = 'ambient-forecast';

let s: ApiSession;
let datasetId: number;

before(async () => {
  s = openApiSession();
  datasetId = await s.importFile(AMBIENT);
  await s.train(datasetId, { task: 'forecast', input: { targets: ['value'], window: 24, horizon: 6 }, recurrent: { units: [32] }, training: { epochs: 3, batchSize: 128 } }, MODEL);
});
after(() => s.close());

describe('a forecast model on NAB ambient temperature', () => {
  test('the report scores the held-out test split beside three baselines, with intervals and a backtest', async () => {
    const r = await s.api.evaluation.run({ model: MODEL, datasetId });
    assert.equal(r.data.split, 'test');
    assert.ok(r.data.windows > 1000, `${r.data.windows} test windows`);
    const reg = r.regression!;
    assert.deepEqual(reg.baselines.map((b) => b.key), ['last', 'seasonal', 'moving', 'linear']);
    assert.equal(reg.model.perHorizon.length, 6);
    for (const m of [reg.model, ...reg.baselines]) for (const k of ['mae', 'rmse', 'smape', 'within5pct'] as const) assert.ok(Number.isFinite(m[k]), k);
    // Error grows with the forecast step, for the model as for the last value.
    assert.ok(reg.model.perHorizon[5].mae > reg.model.perHorizon[0].mae);
    const best = reg.baselines.reduce((a, b) => (b.mae < a.mae ? b : a));
    assert.equal(reg.improvement!.baseline, best.label);
    assert.ok(Math.abs(reg.improvement!.percent - (100 * (best.mae - reg.model.mae)) / best.mae) < 1e-9);
    assert.match(r.summary.join(' '), /The model's MAE is [\d.]+ against [\d.]+ for the best baseline \(.+\): [\d.]+% (lower|higher)/);
    assert.equal(r.intervals!.nominal, 0.9);
    assert.ok(r.intervals!.measured > 0.6 && r.intervals!.measured <= 1, `coverage ${r.intervals!.measured}`);
    assert.equal(r.intervals!.perStep.length, 6);
    assert.equal(r.reliability.ok + r.reliability.caution + r.reliability.unreliable, r.data.windows);
    const bt = r.backtest!;
    assert.equal(bt.stride, 6);
    assert.ok(bt.origins.length > 100);
    for (const o of bt.origins.slice(0, 5)) {
      assert.equal(o.predicted.length, 6);
      o.predicted.forEach((p, h) => assert.ok(o.lower[h] < p && p < o.upper[h]));
    }
  });

  test('a forecast from the latest data: six steps after the last timestamp, inside a band', async () => {
    const f = await s.api.forecast.run({ model: MODEL, datasetId, horizon: 4, coverage: 0.8 });
    const t = f.targets[0];
    assert.equal(t.forecast.point.length, 4);
    assert.equal(f.step, 3600_000); // hourly data
    assert.equal(t.forecast.time[0], t.history.time.at(-1)! + 3600_000);
    t.forecast.point.forEach((p, h) => assert.ok(t.forecast.lower[h] < p && p < t.forecast.upper[h]));
    assert.equal(t.history.time.length, 5 * 24);
    assert.ok(['ok', 'caution', 'unreliable'].includes(f.reliability.flag));
    const wider = await s.api.forecast.run({ model: MODEL, datasetId, horizon: 4, coverage: 0.95 });
    assert.ok(wider.targets[0].forecast.upper[0] - wider.targets[0].forecast.lower[0] > t.forecast.upper[0] - t.forecast.lower[0]);
    await assert.rejects(s.api.forecast.run({ model: MODEL, datasetId, horizon: 7 }), /horizon: 7 is not allowed: this model forecasts 1 to 6 steps ahead/);
  });

  test('predictions score every window, named yhat_1..yhat_6, each with a reliability flag', async () => {
    const p = await s.api.predictions.run({ model: MODEL, datasetId });
    assert.deepEqual(p.columns, ['yhat_1', 'yhat_2', 'yhat_3', 'yhat_4', 'yhat_5', 'yhat_6']);
    assert.equal(p.rows.length, 7267 - 24 + 1);
    assert.equal(p.rows.at(-1)!.values.length, 6);
    assert.equal(p.reliability.ok + p.reliability.caution + p.reliability.unreliable, p.rows.length);
  });

  test('fleet risk needs a limit on a forecast column, and ranks by it', async () => {
    await assert.rejects(s.api.risk.run({ model: MODEL, datasetId }), /needs an alarm limit on a forecast column, e.g. value > 90/);
    await assert.rejects(s.api.risk.run({ model: MODEL, datasetId, limits: [{ column: 'pressure', op: '>', value: 1 }] }), /the model does not forecast that column/);
    const low = await s.api.risk.run({ model: MODEL, datasetId, limits: [{ column: 'value', op: '>', value: 200 }] });
    const high = await s.api.risk.run({ model: MODEL, datasetId, limits: [{ column: 'value', op: '>', value: 0 }] });
    assert.equal(low.rows[0].level, 'low');
    assert.equal(high.rows[0].level, 'high');
    assert.equal(high.rows[0].timeToFailure!.steps, 1);
    assert.match(high.rows[0].action, /^Schedule maintenance before/);
  });

  test('explanations: saliency over the window and the importance of the one input', async () => {
    const e = await s.api.explain.run({ model: MODEL, datasetId, repeats: 2 });
    assert.equal(e.attention, null); // no attention layer
    assert.equal(e.steps.length, 24);
    assert.ok(Math.abs(e.saliency!.perStep.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    assert.equal(e.importance.features.length, 1);
    assert.ok(e.importance.features[0].mean > 0, 'shuffling the only input makes the error grow');
    assert.equal(e.window.index, e.windows - 1);
  });

  test('on another dataset every labelled window is scored with the stored calibration', async () => {
    const lines = fs.readFileSync(AMBIENT, 'utf8').trim().split('\n');
    const slice = writeTemp(tempDir(), 'ambient-slice.csv', [lines[0], ...lines.slice(-1500)].join('\n') + '\n');
    const other = await s.importFile(slice);
    const r = await s.api.evaluation.run({ model: `${MODEL}@1`, datasetId: other });
    assert.equal(r.data.split, 'all');
    assert.equal(r.data.windows, 1500 - 24 - 6 + 1);
    assert.ok(r.intervals && r.intervals.calibrationWindows > 100);
  });

  test('bad requests and cancels are clear', async () => {
    await assert.rejects(s.api.evaluation.run({ model: 'nope', datasetId }), /There is no model named nope/);
    await assert.rejects(s.api.evaluation.run({ model: `${MODEL}@9`, datasetId }), /There is no model ambient-forecast version 9/);
    await assert.rejects(s.api.evaluation.run({ model: MODEL, datasetId, coverage: 2 }), /coverage: 2 is not allowed/);
    const jobId = 'eval-to-cancel';
    const running = s.api.evaluation.run({ jobId, model: MODEL, datasetId });
    assert.equal((await s.api.jobs.cancel({ jobId })).cancelled, true);
    await assert.rejects(running, (err: Error & { kind?: string }) => err.kind === 'cancelled');
  });
});

describe('a classifier and a RUL model', () => {
  test('ItalyPowerDemand: trained on TRAIN, evaluated on the 1,029 TEST sequences with ROC and PR curves', async () => {
    const wide = { header: false, format: 'wide' as const, labelColumn: 'c1' };
    const train = await s.importFile(dataFile('ucr-italy', 'ItalyPowerDemand_TRAIN.tsv'), wide);
    const testSet = await s.importFile(dataFile('ucr-italy', 'ItalyPowerDemand_TEST.tsv'), wide);
    await s.train(train, { task: 'classify', recurrent: { units: [32] }, training: { epochs: 40, batchSize: 8, learningRate: 0.01 } }, 'italy');
    const r = await s.api.evaluation.run({ model: 'italy', datasetId: testSet });
    const c = r.classification!;
    assert.equal(r.data.windows, 1029);
    assert.ok(c.accuracy > 0.85, `test accuracy ${c.accuracy}`);
    assert.ok(c.accuracy > c.baseline.accuracy + 0.3);
    // The UCR archive's 1-NN baselines against the training sequences stored with the model (the archive
    // reports 0.955 Euclidean and 0.950 DTW with all 67 training days; the model's training split has fewer).
    const nn = Object.fromEntries((c.baselines ?? []).map((b) => [b.key, b]));
    assert.deepEqual(Object.keys(nn), ['majority', 'nn-euclidean', 'nn-dtw']);
    assert.equal(nn.majority.accuracy, c.baseline.accuracy);
    for (const k of ['nn-euclidean', 'nn-dtw']) assert.ok(nn[k].accuracy > 0.85 && nn[k].windows === 1029, `${k} ${nn[k].accuracy}`);
    assert.match(nn['nn-dtw'].detail, /by dynamic time warping within 3 steps \(10% of the length\)/);
    assert.match(r.summary.join(' '), /Accuracy [\d.]+% against [\d.]+% for the best baseline \(1-NN (Euclidean|DTW)\)/);
    assert.equal(c.confusion.flat().reduce((a, b) => a + b, 0), 1029);
    assert.deepEqual(c.roc.map((x) => x.className), ['1', '2']);
    for (const curve of c.roc) assert.ok(curve.auc! > 0.9 && curve.fpr[0] === 0 && curve.tpr.at(-1) === 1);
    assert.ok(c.meanConfidence > 0.5 && c.meanUncertainty < 1);
    assert.equal(r.intervals, undefined);
    const p = await s.api.predictions.run({ model: 'italy', datasetId: testSet });
    assert.deepEqual(p.columns, ['p_1', 'p_2']);
    assert.equal(p.classes!.length, 1029);
    assert.ok(Math.abs(p.rows[0].values[0] + p.rows[0].values[1] - 1) < 1e-5);
    await assert.rejects(s.api.forecast.run({ model: 'italy', datasetId: testSet }), /is a classify model; forecasting needs a forecast model/);
  });

  test('the demo fleet: RUL with PHM08 beside a constant baseline, and the fleet ranked by remaining life', async () => {
    const file = `${tempDir()}/fleet.csv`;
    const { writeDemoCsv } = await import('../../electron/data/demo-seed');
    writeDemoCsv(file);
    const fleet = await s.importFile(file);
    await s.train(
      fleet,
      { task: 'rul', input: { features: ['temperature_c', 'vibration_mm_s', 'pressure_bar', 'motor_current_a'], window: 24, stride: 4 }, recurrent: { units: [32] }, rul: { cap: 500 }, training: { epochs: 2, batchSize: 128, split: { mode: 'chronological' } } },
      'fleet-rul',
    );
    const r = await s.api.evaluation.run({ model: 'fleet-rul', datasetId: fleet });
    const u = r.rul!;
    assert.ok(Number.isFinite(u.rmse) && Number.isFinite(u.phm08) && Number.isFinite(u.baseline.phm08));
    assert.equal(u.phm08Entities, 8);
    // Beside the constant, a linear regression on the window's last step, fitted on the training split.
    assert.deepEqual(u.baselines?.map((b) => b.key), ['mean', 'last-linear']);
    const [constant, linear] = u.baselines!;
    assert.ok(linear.mae < constant.mae, `linear ${linear.mae} vs constant ${constant.mae}: the sensors carry the degradation`);
    assert.equal(u.improvement!.reference, Math.min(constant.mae, linear.mae));
    assert.ok(u.points.length > 0 && u.points.length <= 2000);
    const risk = await s.api.risk.run({ model: 'fleet-rul', datasetId: fleet });
    assert.equal(risk.source, 'rul');
    assert.equal(risk.rows.length, 8);
    for (let i = 1; i < risk.rows.length; i++) assert.ok(risk.rows[i - 1].score >= risk.rows[i].score, 'ranked by score');
    for (const row of risk.rows) {
      assert.ok(row.score >= 0 && row.score <= 100);
      assert.ok(row.timeToFailure!.lower <= row.timeToFailure!.steps! && row.timeToFailure!.steps! <= row.timeToFailure!.upper!);
      assert.ok(row.timeToFailure!.at! > row.lastTime);
    }
  });
});
