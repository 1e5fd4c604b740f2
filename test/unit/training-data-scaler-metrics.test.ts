import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunningStats } from '../../shared/stats/running-stats';
import { classificationMetrics, regressionMetrics } from '../../shared/training/metrics';
import { applyScaler, fitScaler, invertScaler, scaleValue, unscaleValue } from '../../shared/training/scaler';
import { allocate } from '../../shared/training/split-windows';

function stats(values: number[]): RunningStats {
  const s = new RunningStats();
  values.forEach((v) => s.push(v));
  return s;
}

describe('scalers, allocation and metrics', () => {
  it('fits zscore, minmax and none; constant columns and passthrough columns keep scale 1', () => {
    const cols = [stats([1, 2, 3, NaN]), stats([5, 5, 5]), stats([-1, 1])];
    const names = ['a', 'flat', 'hour_sin'];
    const z = fitScaler('zscore', names, cols, new Set(['hour_sin']));
    assert.deepEqual(z.columns, [{ name: 'a', offset: 2, scale: 1 }, { name: 'flat', offset: 5, scale: 1 }, { name: 'hour_sin', offset: 0, scale: 1 }]);
    const m = fitScaler('minmax', names, cols);
    assert.deepEqual(m.columns.map((c) => [c.offset, c.scale]), [[1, 2], [5, 1], [-1, 2]]);
    assert.ok(fitScaler('none', names, cols).columns.every((c) => c.offset === 0 && c.scale === 1));
    assert.deepEqual(JSON.parse(JSON.stringify(m)), m, 'a ScalerState is plain JSON');
  });

  it('applies and inverts a scaler over any block whose last dimension is the columns', () => {
    const state = { method: 'zscore' as const, columns: [{ name: 'a', offset: 10, scale: 2 }, { name: 'b', offset: -1, scale: 0.5 }] };
    const block = Float64Array.from([12, 0, 10, -1, 8, -2]); // 3 rows x 2 columns (or 1 window x 3 steps x 2 features)
    const scaled = applyScaler(state, block);
    assert.deepEqual([...scaled], [1, 2, 0, 0, -1, -2]);
    assert.deepEqual([...invertScaler(state, scaled)], [...block]);
    assert.equal(block[0], 12, 'the input is not changed');
    const f32 = applyScaler(state, Float32Array.from(block));
    assert.ok(f32 instanceof Float32Array);
    assert.equal(unscaleValue(state, 1, scaleValue(state, 1, 3.25)), 3.25);
    assert.throws(() => applyScaler(state, new Float64Array(3)), /last dimension/);
  });

  it('allocates counts by fractions, giving each positive fraction at least one when it can', () => {
    assert.deepEqual(allocate(100, [0.7, 0.15, 0.15]), [70, 15, 15]);
    assert.deepEqual(allocate(67, [0.7, 0.15, 0.15]), [47, 10, 10]);
    assert.deepEqual(allocate(3, [0.7, 0.15, 0.15]), [1, 1, 1]);
    assert.deepEqual(allocate(4, [0.8, 0.2, 0]), [3, 1, 0]);
    assert.deepEqual(allocate(1, [0.7, 0.15, 0.15]), [1, 0, 0]);
    assert.deepEqual(allocate(0, [0.7, 0.15, 0.15]), [0, 0, 0]);
  });

  it('computes MAE, RMSE and accuracy', () => {
    const r = regressionMetrics([1, 2, 3, 4], [1, 4, 3, 0]);
    assert.equal(r.mae, 1.5);
    assert.equal(r.rmse, Math.sqrt(5));
    assert.ok(Number.isNaN(regressionMetrics([], []).mae));
    assert.throws(() => regressionMetrics([1], [1, 2]), /as many/);
    const probs = [0.9, 0.1, 0.4, 0.6, 0.5, 0.5, 0.2, 0.8];
    const onehot = [1, 0, 1, 0, 1, 0, 0, 1];
    assert.deepEqual(classificationMetrics(probs, onehot, 2), { accuracy: 0.75 });
    assert.deepEqual(classificationMetrics(probs, onehot, ['no', 'yes']), { accuracy: 0.75 });
  });
});
