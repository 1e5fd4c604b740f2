import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracy,
  classificationReport,
  confusionMatrix,
  detectSeason,
  lastValueForecast,
  movingAverageForecast,
  perClassPrf,
  phm08Score,
  prCurve,
  regressionReport,
  rocCurve,
  seasonalNaiveForecast,
} from '../../shared/evaluation/metrics';

/** Asserts |actual - expected| is within floating-point noise. */
function close(actual: number | null, expected: number, message?: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${message ?? ''} expected ${expected}, got ${actual}`);
}

test('regression report of pred [2,4,6] vs actual [1,4,8], computed by hand', () => {
  const r = regressionReport([2, 4, 6], new Float32Array([1, 4, 8]), { naiveMae: 2 });
  close(r.mae, 1); // (1 + 0 + 2) / 3
  close(r.rmse, Math.sqrt(5 / 3)); // (1 + 0 + 4) / 3
  close(r.mape, (100 * (1 / 1 + 0 + 2 / 8)) / 3);
  close(r.smape, (100 * (2 / 3 + 0 + 4 / 14)) / 3);
  close(r.mase, 0.5);
  close(r.r2, 1 - 5 / (222 / 9)); // mean 13/3, SStot = (100 + 1 + 121) / 9
  close(r.within5pct, 1 / 3); // only 4 vs 4
  assert.deepEqual(r.perHorizon.length, 1);
  close(r.perHorizon[0].mae, 1);
});

test('MASE scale: seasonal naive MAE when given, else naive MAE, else null', () => {
  const mase = (options: Parameters<typeof regressionReport>[2]) => regressionReport([2, 4, 6], [1, 4, 8], options).mase;
  close(mase({ seasonalNaiveMae: 4, naiveMae: 2 }), 0.25);
  close(mase({ seasonalNaiveMae: null, naiveMae: 2 }), 0.5);
  assert.equal(mase({}), null);
  assert.equal(mase({ naiveMae: 0 }), null);
});

test('MAPE skips zero actual values and sMAPE counts 0/0 as 0', () => {
  const r = regressionReport([5, 11, 0], [0, 10, 0]);
  close(r.mape, 10); // only |11 - 10| / 10
  close(r.smape, (100 * (2 + 2 / 21 + 0)) / 3);
  assert.equal(regressionReport([1, 2], [0, 0]).mape, null);
  assert.equal(regressionReport([0, 1], [0, 1]).smape, 0);
});

test('R² is 1 for a perfect fit, 0 for the mean, null for constant actual values', () => {
  close(regressionReport([1, 2, 3], [1, 2, 3]).r2, 1);
  close(regressionReport([2, 2, 2], [1, 2, 3]).r2, 0);
  assert.equal(regressionReport([1, 2], [5, 5]).r2, null);
});

test('per-horizon errors follow the step-major layout y[(i*horizon + h)*targets + t]', () => {
  // Two windows, horizon 2, one target: step 1 errors are 1 and 3, step 2 errors 2 and 5.
  const r = regressionReport([1, 2, 3, 5], [0, 0, 0, 0], { horizon: 2 });
  assert.deepEqual(r.perHorizon.map((s) => s.step), [1, 2]);
  close(r.perHorizon[0].mae, 2);
  close(r.perHorizon[0].rmse, Math.sqrt(5));
  close(r.perHorizon[1].mae, 3.5);
  close(r.perHorizon[1].rmse, Math.sqrt(29 / 2));
  // One window, horizon 2, two targets: step 1 is [1, 0], step 2 is [2, 0].
  const t = regressionReport([1, 0, 2, 0], [0, 0, 0, 0], { horizon: 2, targets: 2 });
  close(t.perHorizon[0].mae, 0.5);
  close(t.perHorizon[1].mae, 1);
  assert.throws(() => regressionReport([1, 2, 3], [1, 2, 3], { horizon: 2 }), /not n x 2 steps/);
  assert.throws(() => regressionReport([1, 2], [1]), /as many predictions/);
});

test('PHM08 score: d = -13 and d = 10 each cost e - 1', () => {
  close(phm08Score([7], [20]), Math.E - 1);
  close(phm08Score([20], [10]), Math.E - 1);
  close(phm08Score([7, 20], [20, 10]), 2 * (Math.E - 1));
  assert.equal(phm08Score([5], [5]), 0);
});

test('last-value and moving-average baselines repeat per-window values over the horizon', () => {
  // Two windows, two targets, horizon 2.
  assert.deepEqual([...lastValueForecast([1, 2, 3, 4], 2, 2, 2)], [1, 2, 1, 2, 3, 4, 3, 4]);
  assert.deepEqual([...movingAverageForecast([1.5, 2.5], 2, 3, 1)], [1.5, 1.5, 1.5, 2.5, 2.5, 2.5]);
  assert.throws(() => lastValueForecast([1, 2, 3], 2, 2, 2), /n x targets/);
});

test('seasonal naive reproduces a period-4 series and detectSeason finds 4', () => {
  const pattern = [10, 20, 30, 40];
  const series = Array.from({ length: 32 }, (_, i) => pattern[i % 4]);
  const ends = [5, 10]; // last observed index of each window
  const horizon = 6;
  const history = (w: number, back: number, _t: number) => series[ends[w] - back];
  const pred = seasonalNaiveForecast(history, ends.length, horizon, 1, 4);
  // Window 0 ends at index 5 (value 20): step 1 reads index 5 + 1 - 4 = 2, step 5 reads 5 + 5 - 8 = 2.
  assert.deepEqual([...pred.slice(0, horizon)], [30, 40, 10, 20, 30, 40]);
  const actual = ends.flatMap((e) => Array.from({ length: horizon }, (_, h) => series[e + h + 1]));
  assert.equal(regressionReport(pred, actual, { horizon }).mae, 0);
  assert.throws(() => seasonalNaiveForecast(history, 1, 1, 1, 0), /positive integer/);

  assert.equal(detectSeason(series, 10), 4);
  assert.equal(detectSeason(Array.from({ length: 40 }, (_, i) => [1, 3, 2, 0][i % 4]), 12), 4);
  assert.equal(detectSeason(series, 3), null); // lags 2 and 3 are negatively correlated
  assert.equal(detectSeason(new Array(20).fill(7), 10), null);
  assert.equal(detectSeason([1, NaN, 3, 1, NaN, 3, 1, NaN, 3, 1, NaN, 3], 5), 3);
});

test('confusion matrix, per-class precision/recall/F1 and accuracy, computed by hand', () => {
  const m = confusionMatrix([0, 0, 1, 1, 2, 2, 0], [0, 1, 1, 1, 2, 0, 2], 3);
  assert.deepEqual(m, [
    [1, 0, 1],
    [1, 2, 0],
    [1, 0, 1],
  ]);
  const prf = perClassPrf(m);
  close(prf[0].precision, 1 / 3);
  close(prf[0].recall, 1 / 2);
  close(prf[0].f1, 0.4); // 2 * (1/3)(1/2) / (1/3 + 1/2)
  close(prf[1].precision, 1);
  close(prf[1].recall, 2 / 3);
  close(prf[1].f1, 0.8);
  close(prf[2].f1, 0.5);
  assert.deepEqual(prf.map((c) => c.support), [2, 3, 2]);
  close(accuracy(m), 4 / 7);
  // A class never predicted nor seen has all-zero metrics.
  assert.deepEqual(perClassPrf(confusionMatrix([0], [0], 2))[1], { precision: 0, recall: 0, f1: 0, support: 0 });
  assert.throws(() => confusionMatrix([3], [0], 3), /out of range/);
});

test('ROC AUC and average precision of scores [0.9,0.8,0.7,0.6] with labels [1,0,1,0]', () => {
  const scores = [0.9, 0.8, 0.7, 0.6];
  const labels = [true, false, true, false];
  const roc = rocCurve(scores, labels);
  assert.deepEqual(roc.fpr, [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(roc.tpr, [0, 0.5, 0.5, 1, 1]);
  close(roc.auc, 0.75);
  const pr = prCurve(new Float64Array(scores), labels);
  assert.deepEqual(pr.recall, [0, 0.5, 0.5, 1, 1]);
  close(pr.auc, (1 + 2 / 3) / 2);
});

test('tied scores form one step: ROC counts the tied pair half, AP uses the group precision', () => {
  const scores = [0.8, 0.8, 0.3];
  const labels = [true, false, false];
  const roc = rocCurve(scores, labels);
  assert.deepEqual(roc.fpr, [0, 0.5, 1]);
  close(roc.auc, 0.75); // (0.5 tie + 1 win) / 2 pairs
  close(prCurve(scores, labels).auc, 0.5);
  // Order of tied items must not matter.
  close(rocCurve([0.8, 0.8, 0.3], [false, true, false]).auc, 0.75);
  assert.equal(rocCurve([0.1, 0.2], [true, true]).auc, null);
  assert.equal(prCurve([0.1, 0.2], [false, false]).auc, null);
});

test('classification report: argmax classes and one-vs-rest AUCs', () => {
  const probs = [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4];
  const onehot = [1, 0, 0, 1, 1, 0, 0, 1];
  const r = classificationReport(new Float32Array(probs), onehot, ['ok', 'fault']);
  assert.deepEqual(r.confusion, [
    [2, 0],
    [2, 0],
  ]);
  close(r.accuracy, 0.5);
  const [ok, fault] = r.classes;
  assert.equal(ok.name, 'ok');
  close(ok.precision, 0.5);
  close(ok.recall, 1);
  close(ok.f1, 2 / 3);
  assert.equal(ok.support, 2);
  assert.deepEqual([fault.precision, fault.recall, fault.f1, fault.support], [0, 0, 0, 2]);
  close(ok.rocAuc, 0.75);
  close(ok.prAuc, (1 + 2 / 3) / 2);
  close(fault.rocAuc, 0.75); // scores 0.4 (+), 0.3, 0.2 (+), 0.1
  close(fault.prAuc, (1 + 2 / 3) / 2);
});
