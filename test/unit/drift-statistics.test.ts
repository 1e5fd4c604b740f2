/** Drift statistics against values worked out by hand, and the per-feature and dataset verdicts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datasetVerdict, featureDrift, KS_MAX_VALUES } from '../../shared/drift/drift-check';
import { decileEdges, ReferenceBuilder } from '../../shared/drift/reference';
import { binShares, ksAsymptoticPValue, ksExactPValue, ksStatistic, psi, quantileSorted, sortedFinite, wasserstein1 } from '../../shared/drift/statistics';
import { createRng, gaussian } from '../../shared/random';

function close(actual: number, expected: number, tol = 1e-9, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what} expected ${expected}, got ${actual}`);
}

test('KS statistic: the largest gap between the two empirical CDFs', () => {
  close(ksStatistic([1, 2, 3], [4, 5, 6]), 1);
  // F_a - F_b at 1: 1/3 - 0; at 2: 2/3 - 1/2; at 2.5: 2/3 - 1; at 3: 1 - 1 ... largest |.| is 1/3.
  close(ksStatistic([1, 2, 3], [2, 2.5]), 1 / 3);
  close(ksStatistic([1, 2, 3], [1, 2, 3]), 0);
  // Ties are consumed together: F_a(1) = 2/3, F_b(1) = 1/3.
  close(ksStatistic([1, 1, 2], [1, 2, 2]), 1 / 3);
});

test('exact KS p-value: the share of lattice paths leaving the band, counted by hand', () => {
  // n = m = 3, D = 1: only the two extreme paths (all of a first, or all of b first) of C(6,3) = 20 reach it.
  close(ksExactPValue(1, 3, 3), 2 / 20);
  // n = m = 2, D = 1: 2 of C(4,2) = 6 paths.
  close(ksExactPValue(1, 2, 2), 2 / 6);
  // n = m = 2, D = 1/2: every path has |i/2 - j/2| >= 1/2 after its first step.
  close(ksExactPValue(0.5, 2, 2), 1);
  // n = m = 3, D = 2/3: paths reaching |i - j| >= 2. Of the 20, those staying within |i - j| <= 1 are 2^3 = 8, so 12/20.
  close(ksExactPValue(2 / 3, 3, 3), 12 / 20);
});

test('asymptotic KS p-value agrees with the exact one for moderate samples', () => {
  const exact = ksExactPValue(0.2, 100, 120);
  const asym = ksAsymptoticPValue(0.2, 100, 120);
  close(asym, exact, 0.01, 'asymptotic vs exact');
  assert.ok(exact > 0.01 && exact < 0.05, `p ${exact}`);
});

test('Wasserstein-1 distance: the area between the CDFs', () => {
  close(wasserstein1([0], [1]), 1);
  close(wasserstein1([0, 1], [0.5, 1.5]), 0.5);
  // A shift by c moves every point by c.
  close(wasserstein1([1, 2, 3, 4], [3, 4, 5, 6]), 2);
  // [0, 0, 3] vs [1, 1, 1]: CDF gap 2/3 on [0, 1), 1/3 on [1, 3): 2/3 + 2/3.
  close(wasserstein1([0, 0, 3], [1, 1, 1]), 4 / 3);
});

test('PSI over bins, with empty bins floored', () => {
  // Two bins 0.5/0.5 vs 0.8/0.2: 0.3 ln(1.6) + (-0.3) ln(0.4).
  close(psi([0.5, 0.5], [0.8, 0.2]), 0.3 * Math.log(1.6) - 0.3 * Math.log(0.4));
  close(psi([0.5, 0.5], [0.5, 0.5]), 0);
  assert.deepEqual(binShares([1, 2, 3, 4], [2.5]), [0.5, 0.5]);
  assert.deepEqual(binShares([1, 2, 3, 4], [2, 4]), [0.25, 0.5, 0.25]);
});

test('quantiles, decile edges and the seeded reference sample', () => {
  close(quantileSorted([1, 2, 3, 4, 5], 0.5), 3);
  close(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  // Deciles of [0, 0, 0, 0, 1] at positions 0.4, 0.8, ..., 3.6: 0 up to the 7th, then 0.2 and 0.6; repeats collapse.
  const edges = decileEdges([0, 0, 0, 0, 1]);
  assert.equal(edges.length, 3);
  [0, 0.2, 0.6].forEach((e, i) => close(edges[i], e, 1e-12));
  assert.deepEqual(Array.from(sortedFinite([3, NaN, 1, Infinity, 2])), [1, 2, 3]);
  const b = new ReferenceBuilder('x', 7, 100);
  for (let i = 0; i < 10_000; i++) b.push(i % 100 === 0 ? NaN : i);
  const ref = b.finish();
  assert.equal(ref.count, 9_900);
  assert.equal(ref.missing, 100);
  assert.equal(ref.sample.length, 100);
  assert.ok(ref.sample.every((v, i) => i === 0 || v >= ref.sample[i - 1]), 'sorted');
  // A uniform sample of 1..9999 has a median near 5,000.
  assert.ok(Math.abs(quantileSorted(ref.sample, 0.5) - 5000) < 1200, `median ${quantileSorted(ref.sample, 0.5)}`);
  assert.equal(ref.shares.length, ref.edges.length + 1);
  close(ref.shares.reduce((a, x) => a + x, 0), 1, 1e-12);
});

test('feature drift: KS for small samples, normalised Wasserstein for large, and the dataset verdict', () => {
  const rng = createRng(3);
  const normal = (n: number, shift = 0) => Array.from({ length: n }, () => 10 + 2 * gaussian(rng) + shift);
  const b = new ReferenceBuilder('temp', 1);
  for (const v of normal(5000)) b.push(v);
  const ref = b.finish();

  const same = featureDrift(ref, normal(300));
  assert.equal(same.test, 'ks');
  assert.equal(same.drifted, false, `p ${same.statistic}`);
  const shifted = featureDrift(ref, normal(300, 1));
  assert.equal(shifted.test, 'ks');
  assert.ok(shifted.drifted && shifted.statistic < 0.001, `p ${shifted.statistic}`);

  const big = featureDrift(ref, normal(KS_MAX_VALUES + 4000));
  assert.equal(big.test, 'wasserstein');
  assert.ok(!big.drifted && big.statistic < 0.1, `w ${big.statistic}`);
  const bigShift = featureDrift(ref, normal(5000, 1));
  // A shift of half a standard deviation moves the normalised distance to about 0.5.
  assert.ok(bigShift.drifted && Math.abs(bigShift.statistic - 0.5) < 0.1, `w ${bigShift.statistic}`);
  assert.ok(bigShift.psi > 0.1, `psi ${bigShift.psi}`);
  close(bigShift.currentMean - bigShift.referenceMean, 1, 0.15);
  // The bins behind the PSI come with the result: the training deciles and both distributions over them.
  const bins = bigShift.bins!;
  assert.equal(bins.edges.length + 1, bins.current.length);
  assert.deepEqual(bins.reference, ref.shares);
  close(bins.current.reduce((a, b) => a + b, 0), 1, 1e-9, 'new shares sum');
  close(psi(bins.reference, bins.current), bigShift.psi, 1e-12, 'psi from the bins');
  assert.ok(bins.current[bins.current.length - 1] > bins.reference[bins.reference.length - 1], 'shifted up: more values above the top decile');

  assert.deepEqual(datasetVerdict([same, shifted], 0.5), { share: 0.5, drifted: true });
  assert.deepEqual(datasetVerdict([same, shifted, big], 0.5), { share: 1 / 3, drifted: false });
  assert.deepEqual(datasetVerdict([], 0.5), { share: 0, drifted: false });
});

test('a feature with no values is not tested (never "no drift, p = 1"); with none tested the check is refused', () => {
  const rng = createRng(5);
  const b = new ReferenceBuilder('temp', 1);
  for (let i = 0; i < 2000; i++) b.push(10 + gaussian(rng));
  const ref = b.finish();
  const c = new ReferenceBuilder('load', 2);
  for (let i = 0; i < 2000; i++) c.push(gaussian(rng));
  const empty = featureDrift(ref, [NaN, NaN, NaN]);
  assert.equal(empty.untested, 'the new data has no value of `temp` (all 3 are missing)');
  assert.equal(empty.drifted, false);
  assert.ok(Number.isNaN(empty.statistic), 'no p-value is made up');
  assert.equal(featureDrift(ref, []).untested, 'the new data has no value of `temp`');
  const shifted = featureDrift(c.finish(), Array.from({ length: 300 }, () => 3 + gaussian(rng)));
  assert.ok(shifted.drifted && shifted.untested === undefined);
  // The share counts the tested features only: one of one drifted.
  assert.deepEqual(datasetVerdict([empty, shifted], 0.5), { share: 1, drifted: true });
  assert.throws(
    () => datasetVerdict([empty], 0.5, 'week-12'),
    (e: Error & { kind?: string }) => e.kind === 'user' && /^Drift cannot be checked: week-12 has no value in the column the model reads \(`temp`\)/.test(e.message),
  );
});
