/** Fits the feature and target scalers on the rows that feed training windows, and applies them. */
import type { VariantConfig } from '../model/variant';
import { RunningStats } from '../stats/running-stats';
import type { EntityFrame, FrameSet } from './entity-frames';
import type { InputStats, ScalerState } from './prepared';
import { fitScaler, identityScaler, scaleColumn, scaleValue } from './scaler';
import type { WindowLayout, WindowRef } from './window-plan';
import { rulAt } from './window-targets';

/** The fitted scalers of a run, with the value missing inputs take (the training mean, scaled). */
export interface TrainingScalers {
  feature: ScalerState;
  target: ScalerState | null;
  /** Per feature, the scaled value that stands in for an input with no value at all. */
  impute: number[];
  /** rul: what RUL is divided by (the cap, or the longest RUL among training windows). */
  rulScale: number;
  /** Per feature, its statistics over the training input rows in its own units. */
  stats: InputStats[];
}

/**
 * Fits the scalers on training rows only: the feature scaler on the real input steps of the
 * training windows, the target scaler on their target rows (forecast/regress), the RUL divisor on
 * their RUL (or the cap). Validation and test rows never influence them.
 */
export function fitTrainingScalers(set: FrameSet, train: readonly WindowRef[], layout: WindowLayout, config: VariantConfig, targets: readonly string[]): TrainingScalers {
  const inputRows = trainingInputRows(set.frames, train);
  const featureStats = collect(set.frames, inputRows, set.featureNames.length, (f) => f.features);
  const passthrough = new Set(set.featureNames.slice(set.featureNames.length - set.calendarCount));
  const feature = fitScaler(config.scaling.method, set.featureNames, featureStats, passthrough);
  const impute = featureStats.map((s, j) => (s.mean === null ? 0 : scaleValue(feature, j, s.mean)));
  let target: ScalerState | null = null;
  let rulScale = 1;
  if (config.task === 'forecast' || config.task === 'regress') {
    const targetRows = markRows(set.frames, train, (w) => [w.end + layout.firstTarget, w.end + layout.lastTarget]);
    target = fitScaler(config.scaling.method, targets, collect(set.frames, targetRows, targets.length, (f) => f.targets));
  } else if (config.task === 'rul') {
    const longest = train.reduce((m, w) => Math.max(m, rulAt(set.frames[w.entity], w.end, null)), 0);
    rulScale = config.rul.cap ?? (longest > 0 ? longest : 1);
    target = { method: 'minmax', columns: [{ name: 'rul', offset: 0, scale: rulScale }] };
  }
  const stats = featureStats.map((st, j): InputStats => ({ name: set.featureNames[j], mean: st.mean, std: st.std, min: st.min, max: st.max }));
  return { feature, target, impute, rulScale, stats };
}

/** Scaled copies of the frames: inputs (missing ones imputed), stored targets and filled targets. */
export function scaleFrames(frames: readonly EntityFrame[], s: TrainingScalers): EntityFrame[] {
  const target = s.target ?? identityScaler([]);
  return frames.map((f) => ({
    ...f,
    features: f.features.map((c, j) => scaleColumn(s.feature, j, c, s.impute[j])),
    targets: f.targets.map((c, t) => scaleColumn(target, t, c)),
    filledTargets: f.filledTargets.map((c, t) => scaleColumn(target, t, c)),
  }));
}

/** Per entity, a 0/1 mark of the real input rows of the training windows: the only rows anything is fitted on. */
export function trainingInputRows(frames: readonly { length: number }[], train: readonly WindowRef[]): Uint8Array[] {
  return markRows(frames, train, (w) => [w.end - w.length + 1, w.end]);
}

/** Per entity, a 0/1 mark of the rows within [from, to] of some window. */
function markRows(frames: readonly { length: number }[], windows: readonly WindowRef[], range: (w: WindowRef) => [number, number]): Uint8Array[] {
  const marks = frames.map((f) => new Uint8Array(f.length));
  for (const w of windows) {
    const [from, to] = range(w);
    marks[w.entity].fill(1, Math.max(0, from), to + 1);
  }
  return marks;
}

/** Running statistics of each column over the marked rows of every entity. */
function collect(frames: readonly EntityFrame[], marks: readonly Uint8Array[], count: number, columns: (f: EntityFrame) => Float64Array[]): RunningStats[] {
  const stats = Array.from({ length: count }, () => new RunningStats());
  frames.forEach((frame, e) => {
    const mark = marks[e];
    columns(frame).forEach((col, j) => {
      const s = stats[j];
      for (let r = 0; r < col.length; r++) if (mark[r]) s.push(col[r]);
    });
  });
  return stats;
}
