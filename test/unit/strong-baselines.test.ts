import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baselineVerdict, bestBaseline } from '../../shared/evaluation/baseline-verdict';
import { fitLastStep, predictLastStep } from '../../shared/evaluation/last-step-regression';
import { dtwDistance, dtwRadius, lbKeogh, envelope, nearestNeighbours, squaredEuclidean, type SequenceSet } from '../../shared/evaluation/nearest-neighbour';
import { fitWindowLinear, predictWindowLinear } from '../../shared/evaluation/window-linear';
import { nearestNeighbourScores, sequenceReference } from '../../shared/evaluation/sequence-reference';
import type { WindowBatch } from '../../shared/training/prepared';

/** x_t = a x_{t-1} - x_{t-2} + c: a noiseless AR(2) process (a sinusoid around c / (2 - a)), exactly linear in its last two values. */
function ar2(length: number, a = 1.6, c = 4): number[] {
  const x = [10, 11.5];
  for (let t = 2; t < length; t++) x.push(a * x[t - 1] - x[t - 2] + c);
  return x;
}

/** Windows of `window` values ending at rows window-1 .. ; actual = the next `horizon` values. */
function windowsOf(x: number[], _window: number, horizon: number, from: number, to: number) {
  const ends: number[] = [];
  for (let e = from; e <= to; e++) ends.push(e);
  const actual = ends.flatMap((e) => Array.from({ length: horizon }, (_, h) => x[e + 1 + h]));
  return { n: ends.length, read: (i: number, back: number) => x[ends[i] - back], actual };
}

test('the linear window model is exact on a noiseless AR(2) process: its coefficients, and forecasts several steps ahead on later windows', () => {
  const x = ar2(400);
  const train = windowsOf(x, 2, 1, 1, 250);
  const m = fitWindowLinear(train.read, train.n, train.actual, { window: 2, horizon: 1, targets: 1 })!;
  // ŷ = 1.6 * (last value) - 1 * (the one before) + 4
  assert.ok(Math.abs(m.coef[0][0] - 1.6) < 1e-4, `weight of the last value ${m.coef[0][0]}`);
  assert.ok(Math.abs(m.coef[0][1] + 1) < 1e-4, `weight of the value before ${m.coef[0][1]}`);
  assert.ok(Math.abs(m.coef[0][2] - 4) < 1e-3, `intercept ${m.coef[0][2]}`);
  // A longer window and three steps ahead are still exactly linear in the window.
  const fit = windowsOf(x, 6, 3, 5, 250);
  const wide = fitWindowLinear(fit.read, fit.n, fit.actual, { window: 6, horizon: 3, targets: 1 })!;
  const later = windowsOf(x, 6, 3, 300, 390);
  const forecast = predictWindowLinear(wide, later.read, later.n);
  let worst = 0;
  for (let k = 0; k < forecast.length; k++) worst = Math.max(worst, Math.abs(forecast[k] - later.actual[k]));
  assert.ok(worst < 1e-3, `largest error ${worst} on values of about 10`);
  assert.equal(wide.fittedOn, fit.n);
});

test('DTW on a tiny set, by hand: [0,1,2,3] against [0,0,1,2] costs 1 within one step of the diagonal, 3 on it (the Euclidean distance)', () => {
  const a: SequenceSet = { x: [0, 1, 2, 3], n: 1, length: 4, features: 1 };
  const b: SequenceSet = { x: [0, 0, 1, 2], n: 1, length: 4, features: 1 };
  assert.equal(dtwDistance(a, 0, b, 0, 1), 1);
  assert.equal(dtwDistance(a, 0, b, 0, 0), 3);
  assert.equal(squaredEuclidean(a, 0, b, 0), 3);
  assert.equal(dtwDistance(a, 0, b, 0, 1, 0.5), Infinity, 'abandoned once every path costs more than the limit');
});

test('1-NN: Euclidean distance takes the wrong class for a shifted peak, DTW the right one', () => {
  // class 0: a peak at step 3; class 1: a plateau. The query is class 0's peak one step later.
  const train: SequenceSet = { x: [0, 0, 1, 2, 1, 0, 0, 0, /**/ 0, 0, 0, 1, 1, 1, 0, 0], n: 2, length: 8, features: 1 };
  const query: SequenceSet = { x: [0, 0, 0, 1, 2, 1, 0, 0], n: 1, length: 8, features: 1 };
  assert.equal(squaredEuclidean(query, 0, train, 0), 4);
  assert.equal(squaredEuclidean(query, 0, train, 1), 1);
  assert.equal(dtwRadius(8), 1);
  assert.equal(dtwDistance(query, 0, train, 0, 1), 0);
  assert.equal(dtwDistance(query, 0, train, 1, 1), 1);
  assert.deepEqual([...nearestNeighbours(train, query)], [1]);
  assert.deepEqual([...nearestNeighbours(train, query, 1)], [0]);
});

test('1-NN baselines on batches: the reference keeps the training sequences and classes; DTW runs on fewer windows when its worst case passes the budget', () => {
  const peak = [0, 0, 1, 2, 1, 0, 0, 0];
  const plateau = [0, 0, 0, 1, 1, 1, 0, 0];
  const batchOf = (rows: number[][], classes: number[]): WindowBatch => ({
    n: rows.length,
    x: Float32Array.from(rows.flat()),
    y: Float32Array.from(classes.flatMap((c) => (c === 0 ? [1, 0] : [0, 1]))),
    mask: null,
    meta: [],
    restore: { base: null, scale: null },
  });
  const ref = sequenceReference(batchOf([peak, plateau], [0, 1]), 8, 1, 2);
  assert.deepEqual([ref.n, ref.labels, ref.of], [2, [0, 1], 2]);
  const shifted = [0, 0, 0, 1, 2, 1, 0, 0];
  const queries = batchOf([shifted, shifted, shifted, plateau], [0, 0, 0, 1]);
  const [euclid, dtw] = nearestNeighbourScores(ref, queries, 2);
  assert.deepEqual([euclid.metric, euclid.accuracy, euclid.windows], ['euclidean', 0.25, 4]);
  assert.deepEqual([dtw.metric, dtw.accuracy, dtw.windows, dtw.radius], ['dtw', 1, 4, 1]);
  // Each query costs 2 sequences x 8 steps x 3 band cells = 48 at worst: a budget of 100 allows 2 windows.
  const capped = nearestNeighbourScores(ref, queries, 2, undefined, 100)[1];
  assert.deepEqual([capped.windows, capped.accuracy], [2, 1]);
});

test('LB_Keogh never exceeds DTW, and the pruned 1-NN DTW search finds what a full search finds (multivariate, random sequences)', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const L = 30;
  const F = 2;
  const make = (n: number): SequenceSet => {
    const x: number[] = [];
    for (let i = 0; i < n; i++) {
      let v = [0, 0];
      for (let k = 0; k < L; k++) {
        v = v.map((p) => p + rand());
        x.push(...v);
      }
    }
    return { x, n, length: L, features: F };
  };
  const train = make(40);
  const query = make(25);
  const r = dtwRadius(L);
  for (let q = 0; q < query.n; q++) {
    const env = envelope(query, q, r);
    let best = Infinity;
    let bestIndex = -1;
    for (let j = 0; j < train.n; j++) {
      const d = dtwDistance(query, q, train, j, r);
      assert.ok(lbKeogh(env, train, j) <= d + 1e-9);
      if (d < best) [best, bestIndex] = [d, j];
    }
    assert.equal(nearestNeighbours(train, query, r)[q], bestIndex, `query ${q}`);
  }
});

test('the RUL baseline regresses on the window\'s last real step (padding skipped through the mask)', () => {
  // 3 steps x 2 features; odd windows are post-padded after two real steps. RUL = 3 f0 - 2 f1 + 5 at the last real step.
  const n = 20;
  const x = new Float32Array(n * 3 * 2);
  const mask = new Float32Array(n * 3).fill(1);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const f0 = (i % 7) / 3;
    const f1 = (i % 5) / 2;
    if (i % 2 === 1) {
      x.set([9, 9, f0, f1, 0, 0], i * 6);
      mask[i * 3 + 2] = 0;
    } else x.set([9, 9, 1, 1, f0, f1], i * 6);
    y.push(3 * f0 - 2 * f1 + 5);
  }
  const batch: WindowBatch = { n, x, y: new Float32Array(y), mask, meta: [], restore: { base: null, scale: null } };
  const m = fitLastStep(batch, 3, 2, y)!;
  assert.ok(Math.abs(m.coef[0] - 3) < 1e-4 && Math.abs(m.coef[1] + 2) < 1e-4 && Math.abs(m.coef[2] - 5) < 1e-4, `coefficients ${m.coef}`);
  const p = predictLastStep(m, batch, 3);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(p[i] - y[i]) < 1e-4);
});

test('the verdict compares with the best baseline and says plainly when the model does not beat it', () => {
  const worse = baselineVerdict({ mae: 1.44, rmse: 2, baseline_mae: 1.33, baseline_last_mae: 1.33, baseline_moving_mae: 2.1, baseline_linear_mae: 1.5 }, 'forecast')!;
  assert.equal(worse.key, 'last');
  assert.equal(worse.beats, false);
  assert.equal(worse.sentence, 'This model is 8.3% worse than repeating the last value on validation (MAE 1.44 against 1.33): do not use it for decisions.');
  assert.match(worse.advice!, /`robust` preset.*Evaluate/);
  const better = baselineVerdict({ mae: 1.2, baseline_last_mae: 1.33, baseline_linear_mae: 1.25 }, 'regress')!;
  assert.equal(better.name, 'a linear model of the input window');
  assert.equal(better.beats, true);
  assert.equal(better.advice, null);
  const classes = baselineVerdict({ accuracy: 0.64, baseline_majority_accuracy: 0.64, 'baseline_nn-euclidean_accuracy': 0.88, 'baseline_nn-dtw_accuracy': 0.86 }, 'classify')!;
  assert.equal(classes.sentence, 'This model does not beat the baseline: accuracy 64.0% against 88.0% for 1-nearest-neighbour (Euclidean), the best baseline, on validation. Do not use it for decisions.');
  assert.match(classes.advice!, /`lstm-fcn` preset/);
  // Older models stored the last value alone as baseline_mae.
  assert.deepEqual(bestBaseline({ mae: 1, baseline_mae: 2 }, 'mae'), { key: 'last', name: 'repeating the last value', value: 2 });
  assert.equal(baselineVerdict({ mae: 1 }, 'forecast'), null);
});
