/**
 * Engineered input columns computed per entity from past and present values only: lags, first
 * differences and trailing rolling statistics. Nothing reads a later row, so no future leaks in.
 */
import type { VariantConfig } from '../model/variant';

/** The `engineering` part of a variant config. */
export type EngineeringSpec = VariantConfig['engineering'];

/** Names of the engineered columns of one base column, in the order `engineerColumn` returns them. */
export function engineeredNames(base: string, spec: EngineeringSpec): string[] {
  const names = spec.lags.map((k) => `${base}_lag${k}`);
  if (spec.differences) names.push(`${base}_diff1`);
  for (const w of spec.rolling) for (const stat of spec.rollingStats) names.push(`${base}_roll${w}_${stat}`);
  return names;
}

/**
 * The engineered columns of one filled base column. At the start of an entity, where the past is
 * shorter than needed, a lag repeats the first value, the first difference is 0 and rolling
 * statistics use the rows available so far (the standard deviation of one value is 0).
 */
export function engineerColumn(values: Float64Array, spec: EngineeringSpec): Float64Array[] {
  const out = spec.lags.map((k) => lagged(values, k));
  if (spec.differences) out.push(differenced(values));
  for (const w of spec.rolling) {
    const r = rolling(values, w);
    for (const stat of spec.rollingStats) out.push(stat === 'mean' ? r.mean : r.std);
  }
  return out;
}

/** x[t - k], repeating the first value where t < k. */
export function lagged(values: Float64Array, k: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[Math.max(0, i - k)];
  return out;
}

/** x[t] - x[t - 1], 0 at the first row. */
export function differenced(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 1; i < values.length; i++) out[i] = values[i] - values[i - 1];
  return out;
}

/**
 * Trailing mean and population standard deviation over the last `w` rows (this one included), by
 * running sums around the first value so large offsets (e.g. 1013 hPa) keep their precision.
 */
export function rolling(values: Float64Array, w: number): { mean: Float64Array; std: Float64Array } {
  const n = values.length;
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  const shift = n > 0 ? values[0] : 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] - shift;
    sum += v;
    sumSq += v * v;
    if (i >= w) {
      const old = values[i - w] - shift;
      sum -= old;
      sumSq -= old * old;
    }
    const count = Math.min(i + 1, w);
    const m = sum / count;
    mean[i] = m + shift;
    std[i] = Math.sqrt(Math.max(0, sumSq / count - m * m));
  }
  return { mean, std };
}
