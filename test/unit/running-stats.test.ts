import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunningStats } from '../../shared/stats/running-stats';

/** Pushes every value into a new RunningStats. */
function statsOf(values: number[]): RunningStats {
  const s = new RunningStats();
  for (const v of values) s.push(v);
  return s;
}

test('empty stats are all null', () => {
  const s = new RunningStats();
  assert.equal(s.count, 0);
  assert.equal(s.missing, 0);
  assert.equal(s.min, null);
  assert.equal(s.max, null);
  assert.equal(s.mean, null);
  assert.equal(s.std, null);
});

test('one value has a mean but no std', () => {
  const s = statsOf([7]);
  assert.equal(s.min, 7);
  assert.equal(s.max, 7);
  assert.equal(s.mean, 7);
  assert.equal(s.std, null);
});

test('matches values computed by hand', () => {
  // 2,4,4,4,5,5,7,9: mean 5, squared deviations sum 32, sample variance 32/7.
  const s = statsOf([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(s.count, 8);
  assert.equal(s.min, 2);
  assert.equal(s.max, 9);
  assert.equal(s.mean, 5);
  assert.ok(Math.abs((s.std as number) - Math.sqrt(32 / 7)) < 1e-12);
});

test('NaN counts as missing and does not change the statistics', () => {
  const s = statsOf([NaN, 1, NaN, 3, NaN]);
  assert.equal(s.count, 2);
  assert.equal(s.missing, 3);
  assert.equal(s.mean, 2);
  assert.equal(s.min, 1);
  assert.equal(s.max, 3);
  assert.ok(Math.abs((s.std as number) - Math.SQRT2) < 1e-12);
});

test('only missing values leave everything null but missing', () => {
  const s = statsOf([NaN, NaN]);
  assert.equal(s.count, 0);
  assert.equal(s.missing, 2);
  assert.equal(s.mean, null);
});

test('stays accurate with a large offset (no catastrophic cancellation)', () => {
  const s = statsOf([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
  assert.equal(s.mean, 1e9 + 10);
  assert.ok(Math.abs((s.std as number) - Math.sqrt(30)) < 1e-6);
});

test('merge equals pushing everything into one', () => {
  const values = [3.5, -1, 8, 2, NaN, 0.25, 11, 4];
  const a = statsOf(values.slice(0, 3));
  a.merge(statsOf(values.slice(3)));
  const all = statsOf(values);
  assert.equal(a.count, all.count);
  assert.equal(a.missing, all.missing);
  assert.equal(a.min, all.min);
  assert.equal(a.max, all.max);
  assert.ok(Math.abs((a.mean as number) - (all.mean as number)) < 1e-12);
  assert.ok(Math.abs((a.std as number) - (all.std as number)) < 1e-12);
  assert.equal(new RunningStats().merge(all).mean, all.mean);
  assert.equal(statsOf([1, 2]).merge(new RunningStats()).mean, 1.5);
});

test('pushAll in batches of any size gives push()s summary to the last bit, across re-centrings', () => {
  // 200,000 values (three re-centrings) drifting far from the first one, with missing values.
  const values = new Float64Array(200_000);
  for (let i = 0; i < values.length; i++) values[i] = i % 97 === 0 ? NaN : 5e6 + i * 3.7 + Math.sin(i) * 40;
  const one = new RunningStats();
  for (const v of values) one.push(v);
  for (const size of [1, 4096, 16384, 65537, 200_000]) {
    const s = new RunningStats();
    for (let at = 0; at < values.length; at += size) s.pushAll(values.subarray(at), Math.min(size, values.length - at));
    for (const k of ['count', 'missing', 'min', 'max', 'mean', 'std'] as const) assert.ok(Object.is(s[k], one[k]), `batches of ${size}: ${k} ${s[k]} vs ${one[k]}`);
  }
  // Against a two-pass computation.
  const finite = [...values].filter((v) => !Number.isNaN(v));
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const std = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (finite.length - 1));
  assert.ok(Math.abs((one.mean as number) - mean) < 1e-9 * Math.abs(mean));
  assert.ok(Math.abs((one.std as number) - std) < 1e-9 * std);
});

test('stays accurate when the first value is far from the rest', () => {
  const s = statsOf([0, ...Array.from({ length: 100_000 }, (_, i) => 1000 + (i % 2 === 0 ? 0.01 : -0.01))]);
  const expected = new Float64Array([0, ...Array.from({ length: 100_000 }, (_, i) => 1000 + (i % 2 === 0 ? 0.01 : -0.01))]);
  const m = expected.reduce((a, b) => a + b, 0) / expected.length;
  const sd = Math.sqrt(expected.reduce((a, b) => a + (b - m) ** 2, 0) / (expected.length - 1));
  assert.ok(Math.abs((s.std as number) - sd) < 1e-9 * sd, `${s.std} vs ${sd}`);
});
