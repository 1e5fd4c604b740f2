/** The target part of a window per task, and what turns scaled model outputs back into target units. */
import type { Task } from '../model/variant';
import type { EntityFrame } from './entity-frames';
import type { WindowLayout, WindowRef } from './window-plan';

/** Floor added to a window's variance before instance normalisation, so flat windows stay finite. */
export const INSTANCE_NORM_EPS = 1e-4;

/** How targets are laid out and transformed. */
export interface TargetSpec {
  task: Task;
  horizon: number;
  /** forecast: predict the change from the last observed (scaled) target value. */
  delta: boolean;
  /** forecast with instance norm: per target, whether it is also an input and so normalised by its window statistics. */
  targetNorm: boolean[];
  classes: number;
  /** rul: the cap (null = none). */
  rulCap: number | null;
  /** rul: the divisor that brings RUL to about [0, 1] (the cap or the training maximum). */
  rulScale: number;
}

/** Model outputs per window: forecast horizon x targets, regress targets, rul 1, classify classes. */
export function outputCount(spec: TargetSpec, targets: number): number {
  if (spec.task === 'forecast') return spec.horizon * targets;
  if (spec.task === 'regress') return targets;
  if (spec.task === 'rul') return 1;
  return spec.classes;
}

/** Target rows relative to a window's last input row: forecast the next `horizon`, the rest the last row itself. */
export function targetOffsets(task: Task, horizon: number): Pick<WindowLayout, 'firstTarget' | 'lastTarget'> {
  return task === 'forecast' ? { firstTarget: 1, lastTarget: horizon } : { firstTarget: 0, lastTarget: 0 };
}

/** Whether a window has every target it needs (stored targets are not filled: a missing one drops the window). */
export function hasTargets(frame: EntityFrame, w: WindowRef, layout: WindowLayout): boolean {
  if (frame.classes !== null) return (typeof frame.classes === 'number' ? frame.classes : frame.classes[w.end]) >= 0;
  for (const t of frame.targets) for (let r = w.end + layout.firstTarget; r <= w.end + layout.lastTarget; r++) if (r >= t.length || t[r] !== t[r]) return false;
  return true;
}

/** Remaining useful life at a row in steps: rows left until the entity's last row, capped. */
export function rulAt(frame: EntityFrame, row: number, cap: number | null): number {
  const left = frame.length - 1 - row;
  return cap === null ? left : Math.min(left, cap);
}

/** Does the forecast need per-window restore values? */
export function needsRestore(spec: TargetSpec): { base: boolean; scale: boolean } {
  const scale = spec.task === 'forecast' && spec.targetNorm.some(Boolean);
  return { base: spec.task === 'forecast' && (spec.delta || scale), scale };
}

/**
 * Writes window i's targets into `y` (scaled frames) and, for forecasts, `base`/`scale` so that
 * target (in target-scaler units) = output * scale + base. With predictDelta the base is the last
 * observed value; with instance norm (targets that are also inputs) the scale is the window's
 * standard deviation and the base its mean (or the last value with predictDelta as well).
 */
export function writeTargets(frame: EntityFrame, w: WindowRef, i: number, spec: TargetSpec, out: { y: Float32Array; base: Float32Array | null; scale: Float32Array | null }): void {
  const T = frame.targets.length;
  if (spec.task === 'classify') {
    const c = typeof frame.classes === 'number' ? frame.classes : frame.classes![w.end];
    if (c >= 0) out.y[i * spec.classes + c] = 1; // unknown classes (scoring unlabelled data) stay all-zero
  } else if (spec.task === 'rul') {
    out.y[i] = rulAt(frame, w.end, spec.rulCap) / spec.rulScale;
  } else if (spec.task === 'regress') {
    for (let t = 0; t < T; t++) out.y[i * T + t] = frame.targets[t][w.end];
  } else {
    for (let t = 0; t < T; t++) {
      const filled = frame.filledTargets[t];
      let base = 0;
      let scale = 1;
      if (spec.targetNorm[t]) {
        const s = windowStats(filled, w.end - w.length + 1, w.end);
        base = s.mean;
        scale = s.std;
      }
      if (spec.delta) base = filled[w.end];
      // Rounded as stored, so output * scale + base rebuilds the target up to the output's own rounding.
      base = Math.fround(base);
      scale = Math.fround(scale);
      for (let h = 0; h < spec.horizon; h++) out.y[(i * spec.horizon + h) * T + t] = (frame.targets[t][w.end + 1 + h] - base) / scale;
      if (out.base) out.base[i * T + t] = base;
      if (out.scale) out.scale[i * T + t] = scale;
    }
  }
}

/** Mean and standard deviation (population, plus INSTANCE_NORM_EPS) of rows from..to of a column. */
export function windowStats(values: Float64Array, from: number, to: number): { mean: number; std: number } {
  let sum = 0;
  for (let r = from; r <= to; r++) sum += values[r];
  const mean = sum / (to - from + 1);
  let sq = 0;
  for (let r = from; r <= to; r++) sq += (values[r] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / (to - from + 1) + INSTANCE_NORM_EPS) };
}
