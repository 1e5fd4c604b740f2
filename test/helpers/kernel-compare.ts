/** Helpers of the tests that compare the fused kernel with tfjs's own ops. */
import assert from 'node:assert/strict';
import { setFusedEnabled } from '../../electron/engine/fused/fused-layers';

/**
 * max |a - b| / max |b|: the error relative to the reference's scale, or to `floor` when that is
 * larger (so a value that is zero up to rounding, as a conv bias's gradient before batch norm,
 * compares absolutely).
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0): number {
  assert.equal(a.length, b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, floor, 1e-12);
}

/** Runs `fn` with the fused kernel on or off (tfjs's own ops), then turns it back on. */
export function withFused<T>(on: boolean, fn: () => T): T {
  setFusedEnabled(on);
  try {
    return fn();
  } finally {
    setFusedEnabled(true);
  }
}
