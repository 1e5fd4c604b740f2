import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, gaussian } from '../../shared/random';
import { lttbDownsample, minMaxDownsample, sliceRange, type DownsampledSeries } from '../../shared/stats/downsample';

type Downsampler = typeof minMaxDownsample;
const METHODS: [string, Downsampler][] = [
  ['minMax', minMaxDownsample],
  ['lttb', lttbDownsample],
];

/** A seeded random walk of n points with x = 1000 + 10 i, optionally with NaN runs [from, to). */
function walk(n: number, seed = 1, missing: [number, number][] = []): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    v += gaussian(rng);
    x[i] = 1000 + 10 * i;
    y[i] = v;
  }
  for (const [from, to] of missing) y.fill(NaN, from, to);
  return { x, y };
}

/** Asserts x strictly increases and no drawn segment (two adjacent non-null entries) spans missing input. */
function assertOrderedWithBreaks(out: DownsampledSeries, x: Float64Array, y: Float64Array): void {
  const index = new Map<number, number>();
  x.forEach((v, i) => index.set(v, i));
  const missingBefore = new Int32Array(y.length + 1);
  for (let i = 0; i < y.length; i++) missingBefore[i + 1] = missingBefore[i] + (Number.isNaN(y[i]) ? 1 : 0);
  for (let k = 1; k < out.x.length; k++) {
    assert.ok(out.x[k] > out.x[k - 1], `x not increasing at ${k}`);
    const prev = out.y[k - 1];
    const cur = out.y[k];
    if (prev === null || cur === null) continue;
    const a = index.get(out.x[k - 1]) as number;
    const b = index.get(out.x[k]) as number;
    assert.equal(missingBefore[b] - missingBefore[a + 1], 0, `segment ${a}-${b} crosses missing data`);
  }
  for (let k = 0; k < out.x.length; k++) {
    const i = index.get(out.x[k]) as number;
    assert.equal(out.y[k], Number.isNaN(y[i]) ? null : y[i], `y at x=${out.x[k]} is not the input's`);
  }
}

for (const [name, downsample] of METHODS) {
  test(`${name}: respects the budget and uses most of it`, () => {
    const { x, y } = walk(100_000);
    for (const budget of [10, 11, 101, 1000, 4000]) {
      const out = downsample(x, y, budget);
      assert.equal(out.x.length, out.y.length);
      assert.ok(out.y.length <= budget, `${out.y.length} > ${budget}`);
      assert.ok(out.y.length >= 0.8 * budget, `only ${out.y.length} of ${budget}`);
    }
  });

  test(`${name}: keeps x order, the first and last points`, () => {
    const { x, y } = walk(50_000, 2);
    const out = downsample(x, y, 700);
    assertOrderedWithBreaks(out, x, y);
    assert.equal(out.x[0], x[0]);
    assert.equal(out.x[out.x.length - 1], x[x.length - 1]);
  });

  test(`${name}: short series come back whole with NaN as null`, () => {
    const out = downsample([1, 2, 3, 4], [5, NaN, NaN, 8], 10);
    assert.deepEqual(out, { x: [1, 2, 3, 4], y: [5, null, null, 8] });
  });

  test(`${name}: keeps a null for each run of missing values`, () => {
    const runs: [number, number][] = [[100, 101], [30_000, 30_500], [70_000, 70_010], [99_990, 100_000]];
    const { x, y } = walk(100_000, 3, runs);
    const out = downsample(x, y, 1000);
    assert.ok(out.y.length <= 1000);
    assertOrderedWithBreaks(out, x, y);
    const nullXs = out.x.filter((_, k) => out.y[k] === null);
    assert.equal(nullXs.length, runs.length);
    runs.forEach(([from, to], r) => assert.ok(nullXs[r] >= x[from] && nullXs[r] <= x[to - 1], `run ${r}`));
  });

  test(`${name}: stays within budget when every other value is missing`, () => {
    const { x, y } = walk(20_000, 4);
    for (let i = 1; i < y.length; i += 2) y[i] = NaN;
    for (const budget of [10, 11, 100, 999]) {
      const out = downsample(x, y, budget);
      assert.ok(out.y.length <= budget, `${out.y.length} > ${budget}`);
      assertOrderedWithBreaks(out, x, y);
    }
  });

  test(`${name}: all missing gives one null`, () => {
    const out = downsample(new Float64Array(1000).map((_, i) => i), new Float64Array(1000).fill(NaN), 50);
    assert.deepEqual(out, { x: [0], y: [null] });
  });

  // Speed is the benchmark's business (npm run bench); here: a 1,000,000-point series with a gap fits the budget.
  test(`${name}: reduces 1,000,000 points to the budget, keeping the gap`, () => {
    const { x, y } = walk(1_000_000, 5, [[500_000, 500_100]]);
    const out = downsample(x, y, 2000);
    assert.ok(out.y.length <= 2000 && out.y.length > 1000);
    assert.ok(out.y.includes(null), 'the missing run still breaks the line');
  });
}

test('minMax keeps the global min and max', () => {
  const { x, y } = walk(100_000, 6);
  y[12_345] = 1e6;
  y[87_654] = -1e6;
  const out = minMaxDownsample(x, y, 500);
  assert.ok(out.y.includes(1e6));
  assert.ok(out.y.includes(-1e6));
  const values = Array.from(walk(100_000, 7).y);
  const out2 = minMaxDownsample(walk(100_000, 7).x, values, 300);
  assert.ok(out2.y.includes(Math.max(...values)));
  assert.ok(out2.y.includes(Math.min(...values)));
});

test('lttb keeps an isolated spike', () => {
  const n = 100_000;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => (i === 41_234 ? 50 : 0));
  const out = lttbDownsample(x, y, 200);
  assert.ok(out.y.includes(50));
});

test('sliceRange finds the index range of an x interval', () => {
  const x = [0, 10, 20, 20, 30, 40];
  assert.deepEqual(sliceRange(x, 10, 30), [1, 5]);
  assert.deepEqual(sliceRange(x, 15, 25), [2, 4]);
  assert.deepEqual(sliceRange(x, -5, 100), [0, 6]);
  assert.deepEqual(sliceRange(x, 41, 50), [6, 6]);
  assert.deepEqual(sliceRange(x, 21, 29), [4, 4]);
  assert.deepEqual(sliceRange(x, 30, 10), [4, 4]);
  assert.deepEqual(sliceRange([], 0, 1), [0, 0]);
});
