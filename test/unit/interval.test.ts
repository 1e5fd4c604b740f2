import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntervalDetector, isGap } from '../../shared/stats/interval';

const HOUR = 3_600_000;

test('finds the interval of a regular series with a gap', () => {
  const d = new IntervalDetector();
  const times: number[] = [];
  for (let i = 0; i < 100; i++) if (i < 40 || i >= 46) times.push(i * HOUR); // 6 hours missing
  for (let i = 1; i < times.length; i++) d.push(times[i] - times[i - 1]);
  const { interval, regularity } = d.result();
  assert.equal(interval, HOUR);
  assert.equal(d.count, 93);
  assert.equal(regularity, 92 / 93);
  const gaps = times.slice(1).filter((t, i) => isGap(t - times[i], interval));
  assert.equal(gaps.length, 1);
});

test('isGap uses 1.5 x interval and is false without an interval', () => {
  assert.equal(isGap(15, 10), false);
  assert.equal(isGap(15.1, 10), true);
  assert.equal(isGap(100, null), false);
  assert.equal(isGap(100, 0), false);
});

test('no positive difference gives null results', () => {
  const d = new IntervalDetector();
  assert.deepEqual(d.result(), { interval: null, regularity: null });
  d.push(0);
  d.push(-5);
  d.push(NaN);
  assert.deepEqual(d.result(), { interval: null, regularity: null });
  assert.equal(d.nonPositive, 2);
  assert.equal(d.count, 2);
});

test('non-positive differences count against regularity', () => {
  const d = new IntervalDetector();
  for (const diff of [1, 1, 0, 1, -3]) d.push(diff);
  assert.deepEqual(d.result(), { interval: 1, regularity: 3 / 5 });
});

test('memory stays bounded with many distinct differences', () => {
  const d = new IntervalDetector(1000);
  for (let i = 0; i < 200_000; i++) {
    d.push(i % 2 === 0 ? 60 : 60 + i * 1e-3); // every other diff is new
  }
  assert.ok(d.distinct <= 1000);
  assert.equal(d.count, 200_000);
  assert.ok(d.uncounted > 90_000);
  assert.deepEqual(d.result(), { interval: 60, regularity: 0.5 });
});

test('default cap is 10,000 keys', () => {
  const d = new IntervalDetector();
  for (let i = 1; i <= 50_000; i++) d.push(i);
  assert.equal(d.distinct, 10_000);
  assert.equal(d.uncounted, 40_000);
});

test('result can be read mid-stream and streaming continues', () => {
  const d = new IntervalDetector();
  d.push(5);
  d.push(5);
  assert.equal(d.result().interval, 5);
  d.push(5);
  d.push(7);
  assert.deepEqual(d.result(), { interval: 5, regularity: 3 / 4 });
});
