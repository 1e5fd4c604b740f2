/**
 * Reads the targets' own past for windows cut from entity series: what the naive and linear
 * baselines forecast from, the same way at training (to fit) and at evaluation (to score). Pure.
 */
import type { Task } from '../model/variant';
import type { EntitySeries } from '../training/entity-series';
import { fillMissing } from '../training/fill-missing';
import type { HistoryReader } from './baselines';

/** Per window, where its anchor row is: the entity's index in `series` and the row of its last input step. */
export interface WindowAnchors {
  entity: ArrayLike<number>;
  meta: readonly { row: number }[];
}

/**
 * A reader of each window's filled target history. Forecasts are made from the window's last row;
 * a regression target sits on that row, so its baselines read from the row before (the last value
 * the model could have seen). Rows before the entity's start read its first value.
 */
export function targetReader(series: readonly EntitySeries[], targetNames: readonly string[], task: Task, windows: WindowAnchors): HistoryReader {
  const filled = series.map((s) => targetNames.map((t) => (s.columns[t] ? fillMissing(s.columns[t]).values : new Float64Array(0))));
  const shift = task === 'forecast' ? 0 : 1;
  return (i, back, t) => {
    const col = filled[windows.entity[i]]?.[t];
    if (!col) return NaN;
    const row = windows.meta[i].row - shift - back;
    return col[Math.max(0, Math.min(col.length - 1, row))] ?? NaN;
  };
}

/** Per window, the index of its entity in `series` (-1 when absent). */
export function entityIndexOf(series: readonly EntitySeries[], meta: readonly { entity: string }[]): Int32Array {
  const index = new Map(series.map((s, e) => [s.name, e]));
  return Int32Array.from(meta, (m) => index.get(m.entity) ?? -1);
}
