/**
 * The data pipeline for a saved model on any dataset: the same filling, feature engineering and
 * windowing as training, but with the scalers and columns stored with the model (nothing is
 * fitted), every window (no split), and windows that may end at the latest row (their future
 * targets are unknown). Used by prediction, forecasting, risk, explanations and drift checks.
 */
import type { DatasetDetail } from '../dataset';
import { UserError, fmtInt } from '../errors';
import type { ModelMetadata } from '../model/metadata';
import type { VariantConfig } from '../model/variant';
import { calendarNames } from './calendar-features';
import { applyConditions } from './condition-norm';
import { buildFrames, type EntityFrame } from './entity-frames';
import type { EntitySeries } from './entity-series';
import { engineeredNames } from './feature-engineering';
import { batchSpecFor, windowLayout } from './prepare-pipeline';
import type { InputStats, ScalerState, WindowBatch } from './prepared';
import { resolveColumns } from './resolve-columns';
import { scaleFrames, type TrainingScalers } from './training-scalers';
import { buildBatch } from './window-batch';
import { entityWindows, type WindowRef } from './window-plan';
import { hasTargets } from './window-targets';

/** What the scoring pipeline needs of a saved model (its metadata.json). */
export type ScoringModel = Pick<ModelMetadata, 'config' | 'featureScaler' | 'targetScaler' | 'featureNames' | 'targetNames' | 'classNames' | 'window' | 'horizon' | 'outputs'> &
  Partial<Pick<ModelMetadata, 'inputStats' | 'impute' | 'conditions'>>;

/** Which windows to cut. */
export interface ScoringOptions {
  /** Step between window ends, counted back from each entity's latest row (default 1). */
  stride?: number;
  /** Only the window ending at each entity's latest row. */
  latestOnly?: boolean;
  /** Only these entities (by name). */
  entities?: readonly string[];
  /** Keep only windows whose targets are all known (for evaluation); otherwise targets may be NaN. */
  requireTargets?: boolean;
}

/** The windows of a dataset for a saved model, cut into batches on demand. */
export interface ScoringPlan {
  /** Per window, 1 when every target of the window is known. */
  known: Uint8Array;
  /** The frames (unscaled inputs and targets per entity) the windows were cut from. */
  frames: EntityFrame[];
  windows: WindowRef[];
  /** The base input columns, as named in the dataset. */
  baseFeatures: string[];
  /** Per entity, its raw (unfilled) base input columns, for the data-quality check. */
  raw: Float64Array[][];
  notes: string[];
  /** The batch of windows from..to-1. */
  batchOf(from: number, to: number): WindowBatch;
}

/** A dataset cut into windows for a saved model, all in one batch. */
export interface ScoringData extends ScoringPlan {
  batch: WindowBatch;
}

/**
 * Plans the windows `model` reads in `series` (entities of `detail`, in detail.entities order),
 * scaled with its stored scalers; `batchOf(from, to)` cuts windows from..to-1 into a batch, so
 * large datasets are scored in chunks. Missing model inputs are a UserError naming the columns;
 * missing targets only matter with requireTargets (evaluation).
 */
export function planScoring(detail: DatasetDetail, series: readonly EntitySeries[], model: ScoringModel, options: ScoringOptions = {}): ScoringPlan {
  const baseFeatures = baseFeatureNames(model);
  const { config, series: usable, targetsPresent } = scoringConfig(detail, series, model, baseFeatures, options.requireTargets === true);
  const columns = resolveColumns(withTargetColumns(detail, config), config);
  const classes = config.task === 'classify' ? classIndexes(detail, usable, columns.labelColumn, model.classNames) : null;
  const set = buildFrames(model.conditions ? applyConditions(usable, model.conditions) : usable, columns, config, detail.summary.timeKind, classes);
  const notes = [...set.notes];
  checkFeatureNames(set.featureNames, model);
  const layout = { ...windowLayout(config, columns, set.frames, []), window: model.window };
  if (!options.requireTargets) layout.lastTarget = 0; // windows may end at the latest row: their future is what is predicted

  const wanted = options.entities ? new Set(options.entities) : null;
  if (wanted) {
    const missing = options.entities!.filter((e) => !set.frames.some((f) => f.name === e));
    if (missing.length > 0) {
      throw new UserError(`This dataset has no entity ${missing.map((m) => `\`${m}\``).join(', ')}. Its entities: ${set.frames.slice(0, 12).map((f) => f.name).join(', ')}${set.frames.length > 12 ? ', ...' : ''}.`);
    }
  }
  const stride = Math.max(1, Math.floor(options.stride ?? 1));
  let windows: WindowRef[] = [];
  set.frames.forEach((f, e) => {
    if (wanted && !wanted.has(f.name)) return;
    const all = entityWindows(e, f.length, layout, options.latestOnly ? Math.max(1, f.length) : stride);
    windows.push(...(options.latestOnly ? all.slice(-1) : all));
  });
  const evalLayout = { ...layout, lastTarget: config.task === 'forecast' ? config.input.horizon : 0 };
  const known = windows.map((w) => (targetsPresent && hasTargets(set.frames[w.entity], w, evalLayout) ? 1 : 0));
  if (options.requireTargets) {
    const before = windows.length;
    windows = windows.filter((_, i) => known[i] === 1);
    if (windows.length < before) notes.push(`Left out ${fmtInt(before - windows.length)} window(s) whose target is missing.`);
  }
  if (windows.length === 0) {
    const longest = set.frames.reduce((m, f) => Math.max(m, f.length), 0);
    throw new UserError(
      `No window of ${model.window} steps${options.requireTargets && config.task === 'forecast' ? ` plus ${config.input.horizon} known future steps` : ''} fits in this dataset (its longest entity has ${fmtInt(longest)} rows). Use a dataset with longer series for this model.`,
    );
  }
  const scalers = storedScalers(model, set.featureNames.length);
  const scaled = scaleFrames(set.frames, scalers);
  const spec = batchSpecFor(config, layout, set, columns, model.classNames.length, scalers.rulScale);
  const knownOut = options.requireTargets ? new Uint8Array(windows.length).fill(1) : Uint8Array.from(known);
  const raw = usable.map((s) => baseFeatures.map((name) => s.columns[name]));
  return { known: knownOut, frames: set.frames, windows, baseFeatures, raw, notes, batchOf: (from, to) => buildBatch(scaled, windows.slice(from, to), spec) };
}

/** prepareForScoring with every window cut into one batch. */
export function prepareForScoring(detail: DatasetDetail, series: readonly EntitySeries[], model: ScoringModel, options: ScoringOptions = {}): ScoringData {
  const plan = planScoring(detail, series, model, options);
  return { ...plan, batch: plan.batchOf(0, plan.windows.length) };
}

/** The model's input columns before feature engineering (the first names of featureNames). */
export function baseFeatureNames(model: Pick<ScoringModel, 'config' | 'featureNames'>): string[] {
  const spec = model.config.engineering;
  const perBase = 1 + engineeredNames('x', spec).length;
  const calendar = calendarNames(spec.calendar).length;
  const count = (model.featureNames.length - calendar) / perBase;
  if (!Number.isInteger(count) || count < 1) throw new UserError('The model metadata lists features that do not match its feature-engineering settings: the model files are inconsistent. Retrain the model.');
  return model.featureNames.slice(0, count);
}

/** The training statistics of the base inputs: stored with newer models, else read off the scaler where it can be. */
export function baseInputStats(model: ScoringModel): InputStats[] {
  const base = baseFeatureNames(model);
  if (model.inputStats && model.inputStats.length >= base.length) return model.inputStats.slice(0, base.length);
  return base.map((name, j) => {
    const c = model.featureScaler.columns[j];
    if (model.featureScaler.method === 'zscore') return { name, mean: c.offset, std: c.scale, min: null, max: null };
    if (model.featureScaler.method === 'minmax') return { name, mean: null, std: null, min: c.offset, max: c.offset + c.scale };
    return { name, mean: null, std: null, min: null, max: null };
  });
}

/**
 * The model's config with its inputs listed explicitly (so `features: all` means what it meant in
 * training), checked against this dataset. Missing target columns become all-NaN columns unless
 * the caller needs targets or the forecast needs the target's last value.
 */
function scoringConfig(detail: DatasetDetail, series: readonly EntitySeries[], model: ScoringModel, base: string[], requireTargets: boolean): { config: VariantConfig; series: EntitySeries[]; targetsPresent: boolean } {
  const config: VariantConfig = structuredClone(model.config);
  config.input.features = base;
  const has = (name: string) => detail.columns.some((c) => c.name === name && c.role !== 'time');
  const missing = base.filter((f) => !has(f));
  if (missing.length > 0) {
    throw new UserError(
      `This dataset lacks the model's input column${missing.length === 1 ? '' : 's'} ${missing.map((m) => `\`${m}\``).join(', ')} (the model was trained on ${base.map((b) => `\`${b}\``).join(', ')}). Import a file with these columns, or rename its columns on import.`,
    );
  }
  const targetColumns = config.task === 'forecast' || config.task === 'regress' ? config.input.targets : config.task === 'classify' && detail.summary.format !== 'wide' ? model.targetNames : [];
  const absent = targetColumns.filter((t) => !has(t));
  if (absent.length === 0) return { config, series: [...series], targetsPresent: true };
  const what = absent.map((t) => `\`${t}\``).join(', ');
  if (requireTargets) throw new UserError(`This dataset has no ${what} column, so the model's predictions cannot be checked against it. Evaluate on data that holds the target, or use predict instead.`);
  if (config.task === 'forecast' && config.scaling.predictDelta) {
    throw new UserError(`The model forecasts the change from the last value of ${what}, so the data must hold ${absent.length === 1 ? 'that column' : 'those columns'}. Import a file with ${what}.`);
  }
  const padded = series.map((s) => {
    const columns = { ...s.columns };
    const length = s.time?.length ?? Object.values(s.columns)[0]?.length ?? 0;
    for (const t of absent) columns[t] = new Float64Array(length).fill(NaN);
    return { ...s, columns };
  });
  if (config.task === 'classify') config.input.targets = absent;
  return { config, series: padded, targetsPresent: false };
}

/** The dataset with placeholder profiles for target columns it lacks (their values are all NaN). */
function withTargetColumns(detail: DatasetDetail, config: VariantConfig): DatasetDetail {
  const names = config.task === 'forecast' || config.task === 'regress' || config.task === 'classify' ? config.input.targets : [];
  const extra = names.filter((n) => !detail.columns.some((c) => c.name === n));
  if (extra.length === 0) return detail;
  const blank = { role: 'feature' as const, type: 'number' as const, count: 0, missing: 0, missingPct: 0, min: null, max: null, mean: null, std: null };
  return { ...detail, columns: [...detail.columns, ...extra.map((name) => ({ ...blank, name }))] };
}

/** Class indexes in the model's class order (a class the model does not know counts as missing). */
function classIndexes(detail: DatasetDetail, series: readonly EntitySeries[], labelColumn: string | null, classNames: readonly string[]): (Int32Array | number)[] {
  const index = new Map(classNames.map((n, i) => [n, i]));
  if (labelColumn === null) return series.map((s) => (s.label === null ? -1 : (index.get(s.label) ?? -1)));
  const profile = detail.columns.find((c) => c.name === labelColumn);
  const nameOf = (v: number) => (profile?.categories ? (profile.categories[v] ?? String(v)) : String(v));
  return series.map((s) => Int32Array.from(s.columns[labelColumn], (v) => (v === v ? (index.get(nameOf(v)) ?? -1) : -1)));
}

function checkFeatureNames(names: readonly string[], model: ScoringModel): void {
  if (names.length !== model.featureNames.length || names.some((n, i) => n !== model.featureNames[i])) {
    throw new UserError(`The inputs built from this dataset (${names.join(', ')}) differ from the model's (${model.featureNames.join(', ')}). Retrain the model or use data with the same columns.`);
  }
}

/** The scalers stored with the model, in the form scaleFrames takes. */
function storedScalers(model: ScoringModel, features: number): TrainingScalers {
  const impute = model.impute && model.impute.length === features ? model.impute : new Array<number>(features).fill(0);
  const rulScale = model.config.task === 'rul' ? (model.targetScaler?.columns[0]?.scale ?? 1) : 1;
  return { feature: model.featureScaler, target: model.targetScaler as ScalerState | null, impute, rulScale, stats: [] };
}
