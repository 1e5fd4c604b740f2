/**
 * The training-data pipeline as one pure function: resolve columns, fill and engineer features,
 * split without leakage, fit scalers on training rows only, and cut windows for the task.
 * The electron side only loads the series (electron/training/prepare-data.ts).
 */
import type { DatasetDetail } from '../dataset';
import { UserError, fmtInt } from '../errors';
import type { SplitInfo } from '../model/training';
import type { VariantConfig } from '../model/variant';
import { formatFieldErrors, validateVariant } from '../model/variant-validation';
import { classLabels } from './class-labels';
import { buildFrames, type EntityFrame, type FrameSet } from './entity-frames';
import type { EntitySeries } from './entity-series';
import type { PreparedData } from './prepared';
import { resolveColumns, type ResolvedColumns } from './resolve-columns';
import { applyConditions, conditionNote, fitConditions } from './condition-norm';
import { fitTrainingScalers, scaleFrames, trainingInputRows } from './training-scalers';
import { MIN_SPLIT_ENTITIES, SPLIT_NAMES, resolveSplitMode, splitByEntity, splitChronological, type SplitEntity, type SplitWindows } from './split-windows';
import { buildBatch, type BatchSpec } from './window-batch';
import { cappedStride, entityWindows, trainWindowCap, type WindowLayout } from './window-plan';
import { hasTargets, outputCount, targetOffsets } from './window-targets';

/**
 * Prepares the windows of one dataset for one config. `detail` describes the dataset and `series`
 * holds its entities in the order of detail.entities. Errors name the config field to change.
 */
export function prepareFromSeries(detail: DatasetDetail, series: readonly EntitySeries[], config: VariantConfig): PreparedData {
  const checked = validateVariant(config);
  if (!checked.ok) throw new UserError(formatFieldErrors(checked.errors));
  const columns = resolveColumns(detail, config);
  const labels = config.task === 'classify' ? classLabels(detail, series, columns.labelColumn) : null;
  const set = buildFrames(series, columns, config, detail.summary.timeKind, labels?.perEntity ?? null);
  const notes = [...set.notes, ...taskNotes(config, columns)];
  const layout = windowLayout(config, columns, set.frames, notes);

  const { split, stride } = splitWithinCap(series, set, layout, config, columns, notes);
  dropMissingTargets(split, set.frames, layout, notes);
  for (const s of SPLIT_NAMES) split.info.windows[s] = split[s].length;
  checkSplitSizes(split);

  const conditions = fitConditions(series, trainingInputRows(set.frames, split.train), columns.features, config);
  const normalised = conditions ? buildFrames(applyConditions(series, conditions), columns, config, detail.summary.timeKind, labels?.perEntity ?? null) : set;
  if (conditions) notes.push(conditionNote(conditions));
  const scalers = fitTrainingScalers(normalised, split.train, layout, config, columns.targets);
  // Input statistics stay in the data's own units: scoring checks raw readings against them.
  const inputStats = conditions ? fitTrainingScalers(set, split.train, layout, config, columns.targets).stats : scalers.stats;
  const scaled = scaleFrames(normalised.frames, scalers);
  const spec = batchSpecFor(config, layout, set, columns, labels?.classNames.length ?? 0, scalers.rulScale);
  return {
    task: config.task,
    inputShape: [layout.window, set.featureNames.length],
    outputs: outputCount(spec, columns.targets.length),
    featureNames: set.featureNames,
    targetNames: targetNames(config, columns, detail),
    classNames: labels?.classNames ?? [],
    horizon: config.input.horizon,
    train: buildBatch(scaled, split.train, spec),
    validation: buildBatch(scaled, split.validation, spec),
    test: buildBatch(scaled, split.test, spec),
    featureScaler: scalers.feature,
    targetScaler: scalers.target,
    split: split.info,
    fingerprint: detail.summary.fingerprint,
    timeKind: detail.summary.timeKind,
    notes,
    stride,
    inputStats: inputStats.slice(0, columns.features.length),
    impute: scalers.impute,
    conditions,
  };
}

/** How windows of a run are laid out and what their targets are: shared by training and scoring. */
export function batchSpecFor(config: VariantConfig, layout: WindowLayout, set: FrameSet, columns: ResolvedColumns, classes: number, rulScale: number): BatchSpec {
  return {
    task: config.task,
    horizon: config.input.horizon,
    window: layout.window,
    padding: config.input.padding,
    mask: config.input.masking || (layout.whole && set.frames.some((f) => f.length < layout.window)),
    instanceNorm: config.scaling.instanceNorm ? set.featureNames.map((_, j) => j < set.featureNames.length - set.calendarCount) : null,
    delta: config.task === 'forecast' && config.scaling.predictDelta,
    targetNorm: columns.targets.map((t) => config.task === 'forecast' && config.scaling.instanceNorm && columns.features.includes(t)),
    classes,
    rulCap: config.rul.cap,
    rulScale,
  };
}

/** Window geometry: wide classification takes each sequence whole (the window is the longest one). Notes go to `notes`. */
export function windowLayout(config: VariantConfig, columns: ResolvedColumns, frames: readonly EntityFrame[], notes: string[]): WindowLayout {
  const offsets = targetOffsets(config.task, config.input.horizon);
  if (!(columns.wide && config.task === 'classify')) return { window: config.input.window, ...offsets, masking: config.input.masking, whole: false };
  const lengths = frames.map((f) => f.length);
  const window = lengths.reduce((a, b) => Math.max(a, b), 0);
  const shortest = lengths.reduce((a, b) => Math.min(a, b), window);
  if (window !== config.input.window) notes.push(`Sequences are classified whole: the window is the longest sequence (${window} steps), not input.window (${config.input.window}).`);
  if (shortest < window) {
    const advice = config.input.masking ? 'masked' : 'marked in the mask; turn on input.masking so the model skips it';
    notes.push(`Sequences have ${shortest} to ${window} steps: shorter ones are padded with 0 (input.padding: ${config.input.padding}) and the padding is ${advice}.`);
  }
  return { window, ...offsets, masking: true, whole: true };
}

/** Splits at the configured stride, raising it when the training split would not fit in memory. */
function splitWithinCap(series: readonly EntitySeries[], set: FrameSet, layout: WindowLayout, config: VariantConfig, columns: ResolvedColumns, notes: string[]): { split: SplitWindows; stride: number } {
  const entities: SplitEntity[] = set.frames.map((f, e) => ({ name: f.name, length: f.length, time: f.time, label: series[e].label }));
  const bySequence = columns.wide;
  const mode = splitModeFor(config, set.frames, layout, bySequence, notes);
  const run = (stride: number) =>
    bySequence || mode === 'entity'
      ? splitByEntity(entities, layout, stride, config.training.split, config.training.seed)
      : splitChronological(entities, layout, stride, config.training.split);
  let stride = config.input.stride;
  let split = run(stride);
  noWindowsCheck(split, set.frames, layout, config);
  const cap = trainWindowCap(layout.window, set.featureNames.length);
  const before = split.train.length;
  while (split.train.length > cap && !layout.whole) {
    stride = cappedStride(stride, split.train.length, cap);
    split = run(stride);
  }
  if (stride !== config.input.stride) {
    notes.push(
      `Raised input.stride from ${config.input.stride} to ${stride}: ${fmtInt(before)} training windows of ${layout.window} x ${set.featureNames.length} values would not fit in memory, so ${fmtInt(split.train.length)} are used (at most ${fmtInt(cap)}).`,
    );
  }
  const used = new Set(SPLIT_NAMES.flatMap((s) => split[s].map((w) => w.entity)));
  const idle = set.frames.filter((_, e) => !used.has(e));
  if (idle.length > 0 && idle.length < set.frames.length) {
    notes.push(`${fmtInt(idle.length)} entit${idle.length === 1 ? 'y gives' : 'ies give'} no window (too short for the window and horizon): ${idle.slice(0, 10).map((f) => f.name).join(', ')}${idle.length > 10 ? ', ...' : ''}.`);
  }
  return { split, stride };
}

/** The split mode used on this data ('auto' resolved), with a note saying which and why. */
function splitModeFor(config: VariantConfig, frames: readonly EntityFrame[], layout: WindowLayout, bySequence: boolean, notes: string[]): SplitInfo['mode'] {
  const asked = config.training.split.mode;
  if (bySequence) {
    if (asked === 'chronological') notes.push('This dataset holds one sequence per row, so it is split by sequence (a seeded shuffle, stratified by class) rather than chronologically.');
    return 'entity';
  }
  const usable = frames.filter((f, e) => entityWindows(e, f.length, layout, f.length + 1).length > 0).length;
  const mode = resolveSplitMode(asked, config.task, usable);
  if (asked === 'auto' && mode === 'entity') {
    notes.push(`Split by entity (training.split.mode: auto): ${fmtInt(usable)} entities, each history whole in training, validation or test, so the test measures assets the model has never seen. Set training.split.mode: chronological to split each history in time instead.`);
  } else if (asked === 'auto' && usable > 1) {
    notes.push(`Split chronologically (training.split.mode: auto): ${config.task === 'forecast' ? 'a forecast is tested on the later part of each history' : `only ${fmtInt(usable)} entities give windows, fewer than ${MIN_SPLIT_ENTITIES}`}. Set training.split.mode: entity to test on whole unseen entities instead.`);
  }
  return mode;
}

function noWindowsCheck(split: SplitWindows, frames: readonly EntityFrame[], layout: WindowLayout, config: VariantConfig): void {
  if (SPLIT_NAMES.some((s) => split[s].length > 0)) return;
  const longest = frames.reduce((m, f) => Math.max(m, f.length), 0);
  const horizon = config.task === 'forecast' ? ` plus input.horizon (${config.input.horizon})` : '';
  throw new UserError(
    `input.window: no entity is long enough for a window of ${layout.window} steps${horizon}; the longest has ${fmtInt(longest)} rows. Lower input.window${horizon ? ' or input.horizon' : ''}, or turn on input.masking to pad short entities.`,
  );
}

/** Drops windows whose targets are missing (targets are never filled) and says how many. */
function dropMissingTargets(split: SplitWindows, frames: readonly EntityFrame[], layout: WindowLayout, notes: string[]): void {
  let dropped = 0;
  for (const s of SPLIT_NAMES) {
    const kept = split[s].filter((w) => hasTargets(frames[w.entity], w, layout));
    dropped += split[s].length - kept.length;
    split[s] = kept;
  }
  if (dropped > 0) notes.push(`Left out ${fmtInt(dropped)} window${dropped === 1 ? '' : 's'} whose target is missing (targets are never filled in).`);
}

function checkSplitSizes(split: SplitWindows): void {
  if (split.train.length === 0) {
    throw new UserError('input.targets: every training window has a missing target, so there is nothing to learn from. Choose a target column with values, or a longer dataset.');
  }
  if (split.validation.length === 0) {
    throw new UserError(
      `training.split.validation: the validation split has no windows (${fmtInt(split.train.length)} for training). Raise training.split.validation, or lower input.window, input.horizon or input.stride so the dataset gives more windows.`,
    );
  }
}

function taskNotes(config: VariantConfig, columns: ResolvedColumns): string[] {
  const notes: string[] = [];
  if (config.task !== 'forecast' && config.scaling.predictDelta) notes.push(`scaling.predictDelta applies to forecasting only; it is not used for the ${config.task} task.`);
  if ((config.task === 'rul' || config.task === 'classify') && config.head.linearSkip) notes.push(`head.linearSkip applies to forecast and regress only; it is not used for the ${config.task} task.`);
  if (config.task === 'forecast' && config.scaling.predictDelta) {
    const unseen = columns.targets.filter((t) => !columns.features.includes(t));
    if (unseen.length > 0) notes.push(`scaling.predictDelta: ${unseen.map((t) => `\`${t}\``).join(', ')} is not among the inputs, so the model does not see the value it predicts a change from. Add it to input.features.`);
  }
  if (config.task === 'rul') {
    notes.push(`RUL counts the steps (rows) from each window's last step to its entity's last row, taken as the failure${config.rul.cap !== null ? `, capped at ${config.rul.cap}` : ''}. Entities that did not run to failure get labels that are too low.`);
    if (config.training.split.mode === 'chronological' && !columns.wide) notes.push('For RUL, training.split.mode: entity (or auto) tests the model on assets it has never seen.');
  }
  return notes;
}

function targetNames(config: VariantConfig, columns: ResolvedColumns, detail: DatasetDetail): string[] {
  if (config.task === 'rul') return ['rul'];
  if (config.task === 'classify') return [columns.labelColumn ?? detail.summary.labelColumn ?? 'label'];
  return columns.targets;
}
