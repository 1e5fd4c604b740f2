/** Split-conformal intervals, reliability flags and the risk score, checked by hand and on synthetic data. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conformalQuantile, fitConformal, halfWidthsFor, measureCoverage } from '../../shared/evaluation/conformal';
import { classConfidence, countFlags, reliabilityOf, windowQuality } from '../../shared/evaluation/reliability';
import { limitRisk, recommendedAction, riskLevel, rulRisk } from '../../shared/evaluation/risk';
import { createRng, gaussian } from '../../shared/random';

test('the conformal quantile is the ceil((n+1)a)-th smallest score', () => {
  const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  assert.equal(conformalQuantile(scores, 0.5), 5); // ceil(10 * 0.5) = 5
  assert.equal(conformalQuantile(scores, 0.9), 9); // ceil(10 * 0.9) = 9
  assert.equal(conformalQuantile(scores, 0.95), 9); // rank 10 > n: the largest
  assert.ok(Number.isNaN(conformalQuantile([], 0.9)));
});

test('split-conformal intervals cover close to nominal on fresh synthetic data, per step', () => {
  const rng = createRng(11);
  const H = 3;
  // Errors grow with the step: sd 1, 2, 3. Calibrate on 2,000 windows, test on 5,000 others.
  const draw = (n: number) => {
    const pred = new Float64Array(n * H);
    const actual = new Float64Array(n * H);
    for (let i = 0; i < n; i++) {
      for (let h = 0; h < H; h++) {
        pred[i * H + h] = 10 * gaussian(rng);
        actual[i * H + h] = pred[i * H + h] + (h + 1) * gaussian(rng);
      }
    }
    return { pred, actual };
  };
  const cal = draw(2000);
  const table = fitConformal(cal.pred, cal.actual, H, 1);
  const fresh = draw(5000);
  for (const nominal of [0.8, 0.9, 0.95]) {
    const widths = halfWidthsFor(table, nominal);
    // Half-widths near the normal quantile times the step's sd (1.645 for 90%).
    const z = { 0.8: 1.2816, 0.9: 1.6449, 0.95: 1.96 }[nominal]!;
    widths.forEach((w, h) => assert.ok(Math.abs(w - z * (h + 1)) < 0.15 * (h + 1), `step ${h + 1}: width ${w}`));
    const c = measureCoverage(fresh.pred, fresh.actual, widths, H, 1);
    assert.ok(Math.abs(c.overall - nominal) <= 0.05, `coverage ${c.overall} for nominal ${nominal}`);
    c.perStep.forEach((p) => assert.ok(Math.abs(p - nominal) <= 0.05, `per-step coverage ${p}`));
  }
  assert.throws(() => halfWidthsFor(table, 1.2), /between 0 and 1/);
});

test('window quality counts missing, out-of-range and extreme values against the training statistics', () => {
  const stats = [{ name: 'a', mean: 10, std: 2, min: 5, max: 15 }];
  const col = Float64Array.from([10, NaN, 11, 16, 30, 9]);
  // Rows 1..5 (length 5 ending at row 5): one missing of 5, 2 of 4 present values outside 5..15 (+-1% of range).
  const q = windowQuality([col], 5, 5, stats);
  assert.equal(q.missing, 0.2);
  assert.equal(q.outOfRange, 0.5);
  assert.equal(q.maxAbsZ, 10); // (30 - 10) / 2
  const r = reliabilityOf(q);
  assert.equal(r.flag, 'unreliable');
  assert.equal(r.reasons.length, 3);
  assert.match(r.reasons.join('; '), /20% of the input values are missing/);
  const clean = reliabilityOf(windowQuality([col], 2, 1, stats));
  assert.deepEqual([clean.flag, clean.reasons], ['ok', []]);
  assert.deepEqual(countFlags(['ok', 'caution', 'ok', 'unreliable']), { ok: 2, caution: 1, unreliable: 1 });
});

test('classification confidence is the top probability and uncertainty the normalised entropy', () => {
  const sure = classConfidence([0, 1, 0], 0, 3);
  assert.deepEqual(sure, { confidence: 1, uncertainty: 0 });
  const unsure = classConfidence([0.5, 0.5], 0, 2);
  assert.equal(unsure.confidence, 0.5);
  assert.ok(Math.abs(unsure.uncertainty - 1) < 1e-12);
  const p = [0.7, 0.2, 0.1];
  const h = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)) / Math.log(3);
  assert.ok(Math.abs(classConfidence(p, 0, 3).uncertainty - h) < 1e-12);
  const flagged = reliabilityOf({ missing: 0, outOfRange: 0, maxAbsZ: 0 }, unsure);
  assert.equal(flagged.flag, 'unreliable');
  assert.match(flagged.reasons[0], /unsure/);
});

test('risk from a forecast crossing a limit: sooner is riskier; a band-only crossing is medium', () => {
  const limit = { column: 'temp', op: '>' as const, value: 90 };
  const point = [80, 85, 91, 95];
  const at = (p: number[]) => limitRisk(p, p.map((v) => v - 3), p.map((v) => v + 3), limit);
  const crossing = at(point);
  assert.equal(riskLevel(crossing.score), 'high');
  // The upper bound (point + 3) first passes 90 at step 3 (94), the lower bound at step 4 (92).
  assert.deepEqual(crossing.steps, { central: 3, lower: 3, upper: 4 });
  assert.match(crossing.driver, /temp forecast goes above 90 in 3 steps/);
  const sooner = at([91, 92, 93, 94]);
  assert.ok(sooner.score > crossing.score);
  const bandOnly = at([80, 85, 88, 88]);
  assert.equal(riskLevel(bandOnly.score), 'medium');
  assert.equal(bandOnly.steps?.central, null);
  assert.equal(bandOnly.steps?.lower, 3);
  const calm = at([60, 61, 60, 62]);
  assert.equal(riskLevel(calm.score), 'low');
  assert.equal(calm.steps, null);
  const below = limitRisk([10, 5, 2], [8, 3, 0], [12, 7, 4], { column: 'p', op: '<', value: 4 });
  assert.equal(below.steps?.central, 3);
});

test('risk from remaining useful life: 100 x (1 - RUL / reference), with its interval', () => {
  const r = rulRisk(25, 15, 35, 125);
  assert.equal(r.score, 80);
  assert.deepEqual(r.steps, { central: 25, lower: 15, upper: 35 });
  assert.equal(riskLevel(r.score), 'high');
  assert.equal(rulRisk(200, 150, 250, 125).score, 0);
  assert.equal(rulRisk(-3, -10, 4, 125).score, 100);
  assert.match(recommendedAction('high', r.driver, 'unreliable', '2026-12-05 10:00'), /^Schedule maintenance before 2026-12-05 10:00: .*Check the sensor data first/);
  assert.match(recommendedAction('low', 'x', 'ok', null), /^No action needed/);
});
