/** Missing-value filling of one column of one entity: forward-fill, then back-fill the leading gap. */

/** The filled column and how many values were filled; `empty` when the column has no value at all. */
export interface FilledColumn {
  values: Float64Array;
  filled: number;
  empty: boolean;
}

/**
 * Forward-fills NaN gaps with the last observed value (a sensor holds its reading), then back-fills
 * the gap before the first observation. Returns the input array itself when nothing is missing and a
 * filled copy otherwise, so the stored series is never changed. An all-missing column stays NaN.
 */
export function fillMissing(values: Float64Array): FilledColumn {
  let first = -1;
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== values[i]) missing++;
    else if (first < 0) first = i;
  }
  if (missing === 0) return { values, filled: 0, empty: false };
  if (first < 0) return { values, filled: 0, empty: true };
  const out = Float64Array.from(values);
  for (let i = 0; i < first; i++) out[i] = values[first];
  for (let i = first + 1; i < out.length; i++) if (out[i] !== out[i]) out[i] = out[i - 1];
  return { values: out, filled: missing, empty: false };
}
