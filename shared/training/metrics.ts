/** Basic metrics of a split, in the target's own units (see toOriginalUnits). */

/** Mean absolute error and root mean squared error over paired values; NaN when there is none. */
export function regressionMetrics(pred: ArrayLike<number>, actual: ArrayLike<number>): { mae: number; rmse: number } {
  checkLengths(pred.length, actual.length);
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < pred.length; i++) {
    const d = pred[i] - actual[i];
    abs += Math.abs(d);
    sq += d * d;
  }
  const n = pred.length;
  return n === 0 ? { mae: NaN, rmse: NaN } : { mae: abs / n, rmse: Math.sqrt(sq / n) };
}

/**
 * Accuracy of class probabilities against one-hot truth, both n x classes: a sample is right when
 * its most probable class (the first on ties) is its true class. `classes` is the count or the names.
 */
export function classificationMetrics(probs: ArrayLike<number>, onehot: ArrayLike<number>, classes: number | readonly string[]): { accuracy: number } {
  const C = typeof classes === 'number' ? classes : classes.length;
  checkLengths(probs.length, onehot.length);
  if (C < 1 || probs.length % C !== 0) throw new Error(`classificationMetrics: ${probs.length} values are not n x ${C} classes.`);
  const n = probs.length / C;
  let right = 0;
  for (let i = 0; i < n; i++) if (argmax(probs, i * C, C) === argmax(onehot, i * C, C)) right++;
  return { accuracy: n === 0 ? NaN : right / n };
}

function argmax(v: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if (v[from + c] > v[from + best]) best = c;
  return best;
}

function checkLengths(a: number, b: number): void {
  if (a !== b) throw new Error(`Metrics need as many predictions as actual values (${a} vs ${b}).`);
}
