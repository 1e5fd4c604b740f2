/** Permutation importance on a synthetic set: only feature 0 carries the signal. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meanInterval, permutationImportance } from '../../shared/evaluation/permutation-importance';
import { createRng, gaussian } from '../../shared/random';

test('permutation importance ranks the one informative feature first, with an interval above zero', async () => {
  const rng = createRng(3);
  const n = 400;
  const W = 4;
  const F = 3;
  const x = new Float32Array(n * W * F);
  for (let k = 0; k < x.length; k++) x[k] = gaussian(rng);
  // The target is the sum of feature 0 over the window; the "model" knows it exactly.
  const target = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let t = 0; t < W; t++) s += x[(i * W + t) * F];
    return s;
  });
  const loss = (v: Float32Array) => {
    let e = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < W; t++) s += v[(i * W + t) * F];
      e += Math.abs(s - target[i]);
    }
    return e / n;
  };
  const result = await permutationImportance({ x, n, window: W, features: F, names: ['signal', 'noise1', 'noise2'] }, loss, 5, 1);
  assert.equal(result.baseline, 0);
  assert.equal(result.features[0].feature, 'signal');
  assert.ok(result.features[0].low > 1, `interval ${result.features[0].low}..${result.features[0].high}`);
  for (const f of result.features.slice(1)) assert.equal(f.mean, 0);
  // The input is left as it was.
  assert.equal(loss(x), 0);
});

test('meanInterval uses the t quantile of the repeats', () => {
  const r = meanInterval([1, 2, 3]);
  assert.equal(r.mean, 2);
  assert.equal(r.std, 1);
  assert.ok(Math.abs(r.high - (2 + (4.303 * 1) / Math.sqrt(3))) < 1e-9);
  assert.deepEqual(meanInterval([5]), { mean: 5, std: 0, low: 5, high: 5 });
});
