/**
 * Column scalers: fitted on training rows only, stored with the model (ScalerState is plain JSON)
 * and applied, unchanged, to validation, test and any later data. x' = (x - offset) / scale.
 */
import type { ScalingMethod } from '../model/variant';
import type { RunningStats } from '../stats/running-stats';
import type { ScalerState } from './prepared';

/**
 * Builds a scaler from per-column statistics of the training rows: zscore uses the mean and sample
 * standard deviation, minmax maps [min, max] to [0, 1], none is the identity. Columns named in
 * `passthrough` (calendar sin/cos, already in [-1, 1]) and columns without spread keep scale 1.
 */
export function fitScaler(method: ScalingMethod, names: readonly string[], stats: readonly RunningStats[], passthrough: ReadonlySet<string> = new Set()): ScalerState {
  return {
    method,
    columns: names.map((name, j) => {
      const s = stats[j];
      if (method === 'none' || passthrough.has(name) || s.count === 0) return { name, offset: 0, scale: 1 };
      if (method === 'zscore') return { name, offset: s.mean!, scale: spread(s.std) };
      return { name, offset: s.min!, scale: spread(s.max! - s.min!) };
    }),
  };
}

/** The scaler that changes nothing, for columns that are not scaled. */
export function identityScaler(names: readonly string[]): ScalerState {
  return { method: 'none', columns: names.map((name) => ({ name, offset: 0, scale: 1 })) };
}

function spread(v: number | null): number {
  return v !== null && Number.isFinite(v) && v > 1e-12 ? v : 1;
}

/** Scales one value of column `column` (its index in the scaler). NaN stays NaN. */
export function scaleValue(state: ScalerState, column: number, value: number): number {
  const c = state.columns[column];
  return (value - c.offset) / c.scale;
}

/** Turns one scaled value of column `column` back into its original units. */
export function unscaleValue(state: ScalerState, column: number, value: number): number {
  const c = state.columns[column];
  return value * c.scale + c.offset;
}

/**
 * Scales a row-major block whose last dimension is the scaler's columns (rows x columns, or a
 * window batch n x window x features, or forecast targets n x horizon x targets). Returns a copy.
 */
export function applyScaler<T extends Float32Array | Float64Array>(state: ScalerState, values: T): T {
  return mapColumns(state, values, scaleValue);
}

/** The inverse of `applyScaler`: scaled values back to original units, same layout. Returns a copy. */
export function invertScaler<T extends Float32Array | Float64Array>(state: ScalerState, values: T): T {
  return mapColumns(state, values, unscaleValue);
}

function mapColumns<T extends Float32Array | Float64Array>(state: ScalerState, values: T, f: typeof scaleValue): T {
  const width = state.columns.length;
  if (width === 0 || values.length % width !== 0) {
    throw new Error(`Scaler of ${width} columns cannot map ${values.length} values: the last dimension must be the scaler's columns.`);
  }
  const out = values.slice() as T;
  for (let i = 0; i < out.length; i++) out[i] = f(state, i % width, out[i]);
  return out;
}

/** Scales one whole column into a new array; missing values (NaN) become `missingAs` (already in scaled units). */
export function scaleColumn(state: ScalerState, column: number, values: Float64Array, missingAs = NaN): Float64Array {
  const { offset, scale } = state.columns[column];
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === v ? (v - offset) / scale : missingAs;
  }
  return out;
}
