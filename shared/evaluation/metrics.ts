/**
 * Evaluation metrics for forecasts, in the target's own units. Values are laid out like the model's
 * outputs: window-major, then forecast step, then target, i.e. y[(i*horizon + h)*targets + t].
 * Pure TypeScript. Baselines and classification metrics live next door and are re-exported here.
 */

export * from './baselines';
export * from './classification';

/** Options of regressionReport: the output layout and the in-sample scales for MASE. */
export interface RegressionReportOptions {
  /** Forecast steps per window (default 1). */
  horizon?: number;
  /** Targets per step (default 1). */
  targets?: number;
  /** In-sample MAE of the seasonal naive forecast; when a number, it is MASE's scale. */
  seasonalNaiveMae?: number | null;
  /** In-sample MAE of the one-step naive forecast; MASE's scale when seasonalNaiveMae is not a number. */
  naiveMae?: number;
}

/** Error of one forecast step over all windows and targets. */
export interface StepError {
  /** 1-based forecast step. */
  step: number;
  mae: number;
  rmse: number;
}

/** Regression metrics of a set of forecasts. Errors are NaN when there are no values. */
export interface RegressionReport {
  mae: number;
  rmse: number;
  /** Mean absolute percentage error in percent, over non-zero actual values; null if there are none. */
  mape: number | null;
  /** Symmetric MAPE in percent: mean of 2|p-a|/(|p|+|a|), with 0/0 counted as 0. */
  smape: number;
  /** MAE divided by the in-sample naive MAE; null when no positive scale was given. */
  mase: number | null;
  /** 1 - SSres/SStot; null when the actual values are all equal (SStot = 0). */
  r2: number | null;
  /** Share (0..1) of predictions with |p-a| <= 0.05|a|. */
  within5pct: number;
  perHorizon: StepError[];
}

/**
 * MAE, RMSE, MAPE, sMAPE, MASE, R² and the share within 5% of forecasts against actual values, plus
 * MAE and RMSE per forecast step. MASE's scale is options.seasonalNaiveMae when it is a number, else
 * options.naiveMae; MASE is null when that scale is missing or 0.
 */
export function regressionReport(pred: ArrayLike<number>, actual: ArrayLike<number>, options: RegressionReportOptions = {}): RegressionReport {
  const horizon = options.horizon ?? 1;
  const targets = options.targets ?? 1;
  checkSameLength(pred, actual);
  const stride = horizon * targets;
  if (!(horizon >= 1 && targets >= 1) || pred.length % stride !== 0) {
    throw new Error(`regressionReport: ${pred.length} values are not n x ${horizon} steps x ${targets} targets.`);
  }
  const n = pred.length;
  const stepAbs = new Array<number>(horizon).fill(0);
  const stepSq = new Array<number>(horizon).fill(0);
  let actualSum = 0;
  let apeSum = 0;
  let apeCount = 0;
  let smapeSum = 0;
  let within = 0;
  for (let k = 0; k < n; k++) {
    const p = pred[k];
    const a = actual[k];
    const d = Math.abs(p - a);
    const h = Math.floor(k / targets) % horizon;
    stepAbs[h] += d;
    stepSq[h] += d * d;
    actualSum += a;
    if (a !== 0) {
      apeSum += d / Math.abs(a);
      apeCount++;
    }
    const denom = Math.abs(p) + Math.abs(a);
    if (denom > 0) smapeSum += (2 * d) / denom;
    if (d <= 0.05 * Math.abs(a)) within++;
  }
  const mean = actualSum / n;
  let ssTot = 0;
  for (let k = 0; k < n; k++) ssTot += (actual[k] - mean) ** 2;
  const ssRes = sum(stepSq);
  const mae = sum(stepAbs) / n;
  const scale = typeof options.seasonalNaiveMae === 'number' ? options.seasonalNaiveMae : options.naiveMae;
  const perStep = n / horizon;
  return {
    mae,
    rmse: Math.sqrt(ssRes / n),
    mape: apeCount === 0 ? null : (100 * apeSum) / apeCount,
    smape: (100 * smapeSum) / n,
    mase: scale === undefined || scale === 0 || !Number.isFinite(scale) ? null : mae / scale,
    r2: ssTot === 0 ? null : 1 - ssRes / ssTot,
    within5pct: within / n,
    perHorizon: stepAbs.map((abs, h) => ({ step: h + 1, mae: abs / perStep, rmse: Math.sqrt(stepSq[h] / perStep) })),
  };
}

/**
 * PHM08 challenge score of remaining-useful-life predictions, one value per entity: the sum of
 * exp(-d/13) - 1 for early predictions (d < 0) and exp(d/10) - 1 for late ones, d = pred - actual.
 * Lower is better; late predictions cost more.
 */
export function phm08Score(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkSameLength(pred, actual);
  let score = 0;
  for (let i = 0; i < pred.length; i++) {
    const d = pred[i] - actual[i];
    score += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
  }
  return score;
}

/** Throws unless the two arrays are the same length. */
function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) throw new Error(`Metrics need as many predictions as actual values (${a.length} vs ${b.length}).`);
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
