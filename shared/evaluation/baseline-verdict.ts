/**
 * Whether a model beats the best of its baselines, from a flat metrics record, in a sentence a
 * reliability engineer can act on. Each baseline's metrics are stored as `baseline_<key>_<metric>`
 * (e.g. `baseline_linear_mae`); `baseline_mae` / `baseline_rmse` stay the last-value baseline of
 * forecasts (older models have only those). Used by training's output, the run page, the deploy
 * gate and the evaluation findings alike. Pure TypeScript.
 */
import { fmtNumber, fmtPct } from '../format';
import type { Task } from '../model/variant';
import { higherIsBetter, primaryMetric } from '../registry/metric-direction';

/** Every baseline the app reports, by key, as it is named in sentences. */
export const BASELINE_NAMES: Record<string, string> = {
  last: 'repeating the last value',
  seasonal: 'the seasonal naive forecast',
  moving: 'the moving average of the window',
  linear: 'a linear model of the input window',
  mean: 'the training mean RUL',
  'last-linear': "a linear regression on the window's last values",
  majority: 'always the most common class',
  'nn-euclidean': '1-nearest-neighbour (Euclidean)',
  'nn-dtw': '1-nearest-neighbour (DTW)',
};

/** The metrics key of one baseline's metric. */
export function baselineKey(key: string, metric: string): string {
  return `baseline_${key}_${metric}`;
}

/** The best baseline in a metrics record for `metric`: its key, name and value; null when there is none. */
export function bestBaseline(metrics: Record<string, number>, metric: string): { key: string; name: string; value: number } | null {
  const pattern = new RegExp(`^baseline_([a-z-]+)_${metric}$`);
  let best: { key: string; name: string; value: number } | null = null;
  for (const [k, v] of Object.entries(metrics)) {
    const m = pattern.exec(k);
    if (!m || !Number.isFinite(v)) continue;
    if (!best || (higherIsBetter(metric) ? v > best.value : v < best.value)) best = { key: m[1], name: BASELINE_NAMES[m[1]] ?? m[1], value: v };
  }
  const legacy = metrics[`baseline_${metric}`];
  if (!best && typeof legacy === 'number' && Number.isFinite(legacy)) best = { key: 'last', name: BASELINE_NAMES.last, value: legacy };
  return best;
}

/** The model against its best baseline. */
export interface BaselineVerdict {
  metric: string;
  model: number;
  baseline: number;
  key: string;
  name: string;
  beats: boolean;
  /** e.g. "This model is 8% worse than repeating the last value on validation (MAE 1.44 against 1.33): do not use it for decisions." */
  sentence: string;
  /** What to try next when it does not beat the baseline; null when it does. */
  advice: string | null;
}

/**
 * The verdict of a model's metrics (`split` names where they were measured, e.g. "validation"),
 * by the task's primary metric (MAE; accuracy for classify); null when no baseline was measured.
 */
export function baselineVerdict(metrics: Record<string, number>, task: Task, split = 'validation'): BaselineVerdict | null {
  const metric = primaryMetric(task);
  const model = metrics[metric];
  const best = bestBaseline(metrics, metric);
  if (!best || typeof model !== 'number' || !Number.isFinite(model)) return null;
  const higher = higherIsBetter(metric);
  const beats = higher ? model > best.value : model < best.value;
  const label = metric.toUpperCase();
  let sentence: string;
  if (higher) {
    const gap = `${label.toLowerCase()} ${fmtPct(model)} against ${fmtPct(best.value)} for ${best.name}, the best baseline, on ${split}`;
    sentence = beats ? `This model beats every baseline: ${gap}.` : `This model does not beat the baseline: ${gap}. Do not use it for decisions.`;
  } else {
    const change = best.value !== 0 ? Math.abs(model - best.value) / best.value : 0;
    const pct = change >= 0.1 ? fmtPct(change, 0) : fmtPct(change, 1);
    const figures = `(${label} ${fmtNumber(model)} against ${fmtNumber(best.value)})`;
    sentence = beats
      ? `This model is ${pct} better than ${best.name}, the best baseline, on ${split} ${figures}.`
      : `This model is ${pct} worse than ${best.name} on ${split} ${figures}: do not use it for decisions.`;
  }
  return { metric, model, baseline: best.value, key: best.key, name: best.name, beats, sentence, advice: beats ? null : baselineAdvice(task) };
}

/** What usually helps when a model of this task loses to its baselines (presets that exist, and Evaluate). */
export function baselineAdvice(task: Task): string {
  const check = 'then check it on the held-out test split with Evaluate.';
  if (task === 'classify') return `Next: try the \`lstm-fcn\` preset (convolution blocks beside the LSTM, each sequence z-normalised) or train longer, ${check}`;
  if (task === 'rul') return `Next: try the \`rul\` preset (remaining life capped at 125 steps) or a longer window, ${check}`;
  return `Next: try the \`robust\` preset (each window normalised by its own statistics, the change from the last value predicted, an absolute-error loss) or a longer window, ${check}`;
}
