/**
 * Editing a variant config in the Configure page: immutable updates by dotted path, errors per field,
 * and the data-dependent choices (targets, features) that follow the task and the dataset.
 */
import type { DatasetDetail } from '../../../shared/dataset';
import type { PresetInfo } from '../../../shared/model/training';
import { retaskDefaults, variantDefaults } from '../../../shared/model/task-defaults';
import { DEFAULT_VARIANT, isPlainObject, mergeVariant, type Task, type VariantConfig } from '../../../shared/model/variant';
import type { FieldError } from '../../../shared/model/variant-validation';

/** The columns of a dataset that matter for training. */
export interface DataColumns {
  /** Numeric feature columns: inputs, and targets of forecast/regress. */
  numeric: string[];
  /** Columns that can label a window (classify on long files). */
  labels: string[];
  /** One labelled sequence per row: classify takes no target column. */
  wide: boolean;
  /** Whether calendar features are possible (datetime time axis). */
  datetime: boolean;
  labelColumn: string | null;
}

/** Reads the training-relevant columns from a dataset's profile. */
export function dataColumns(detail: DatasetDetail): DataColumns {
  const s = detail.summary;
  const labels = detail.columns.filter((c) => c.role === 'label' || (c.role === 'feature' && c.type === 'category')).map((c) => c.name);
  if (s.labelColumn && !labels.includes(s.labelColumn) && s.format !== 'wide') labels.unshift(s.labelColumn);
  return {
    numeric: detail.columns.filter((c) => c.role === 'feature' && c.type === 'number').map((c) => c.name),
    labels,
    wide: s.format === 'wide',
    datetime: s.timeKind === 'datetime',
    labelColumn: s.labelColumn,
  };
}

/** The task a dataset suggests: classify for labelled sequences, else forecast. */
export function suggestedTask(cols: DataColumns): Task {
  return cols.wide && cols.labelColumn ? 'classify' : 'forecast';
}

/** Returns a copy of `config` with the field at a dotted path set to `value` (groups are created as needed). */
export function setPath<T>(config: T, path: string, value: unknown): T {
  const out = structuredClone(config) as Record<string, unknown>;
  const keys = path.split('.');
  let node = out;
  for (const k of keys.slice(0, -1)) {
    if (!isPlainObject(node[k])) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
  return out as T;
}

/** The messages of the errors that belong to a field: its own path, list items (`path[1]`) and sub-fields. */
export function errorsFor(errors: FieldError[], path: string): string[] {
  return errors
    .filter((e) => e.path === path || e.path.startsWith(`${path}[`) || e.path.startsWith(`${path}.`))
    .map((e) => (e.path === path ? e.message : `${subLabel(e.path.slice(path.length))}: ${e.message}`));
}

/** Names the part of a field an error is about: "[1]" -> "Item 2", ".train" -> "train". */
function subLabel(rest: string): string {
  const item = /^\[(\d+)\]$/.exec(rest);
  return item ? `Item ${Number(item[1]) + 1}` : rest.replace(/^\./, '');
}

/** Targets that fit a task on a dataset, keeping the current ones when they still fit. */
function targetsFor(task: Task, current: unknown, cols: DataColumns): string[] {
  const kept = Array.isArray(current) ? current.filter((t): t is string => typeof t === 'string') : [];
  if (task === 'rul') return [];
  if (task === 'classify') {
    if (cols.wide) return [];
    const label = kept.find((t) => cols.labels.includes(t)) ?? cols.labelColumn ?? cols.labels[0];
    return label ? [label] : [];
  }
  const numeric = kept.filter((t) => cols.numeric.includes(t));
  if (numeric.length > 0) return task === 'regress' ? numeric.slice(0, 1) : numeric;
  return cols.numeric.length > 0 ? [cols.numeric[0]] : [];
}

/** Features that exist in the dataset ('all' stays 'all'; an emptied list falls back to 'all'). */
function featuresFor(current: unknown, cols: DataColumns): string[] | 'all' {
  if (!Array.isArray(current)) return 'all';
  const kept = current.filter((f): f is string => typeof f === 'string' && cols.numeric.includes(f));
  return kept.length > 0 ? kept : 'all';
}

/** Switches the task: targets and the task's own defaults follow it, and tasks other than forecast predict one step. */
export function applyTask(config: VariantConfig, task: Task, cols: DataColumns): VariantConfig {
  let next = setPath(retaskDefaults(config, config.task, task), 'task', task);
  next = setPath(next, 'input.targets', targetsFor(task, config.input?.targets, cols));
  next = setPath(next, 'input.features', featuresFor(config.input?.features, cols));
  if (task !== 'forecast') next = setPath(next, 'input.horizon', 1);
  return next;
}

/** Fits a config to a (new) dataset: keeps the task when the data allows it, else suggests one. */
export function applyDataset(config: VariantConfig, cols: DataColumns): VariantConfig {
  const task = config.task === 'classify' && !cols.wide && cols.labels.length === 0 ? 'forecast' : config.task;
  return applyTask(config, cols.wide && cols.labelColumn ? 'classify' : task, cols);
}

/** Fills the form from a preset (over the defaults) while keeping the task and the chosen columns. */
export function applyPreset(config: VariantConfig, preset: PresetInfo | null, cols: DataColumns): VariantConfig {
  const base = mergeVariant(variantDefaults(config.task), preset?.config);
  const next = mergeVariant(base, { input: { targets: config.input?.targets, features: config.input?.features } });
  return applyTask(next, config.task, cols);
}

/** The preset that suits a task best: the first listed for it. */
export function presetsFor(presets: PresetInfo[], task: Task): PresetInfo[] {
  return presets.filter((p) => p.tasks.includes(task));
}

/** A starting config for a dataset: the defaults with the task and columns it suggests. */
export function initialConfig(cols: DataColumns, preset: PresetInfo | null): VariantConfig {
  const start = applyTask(DEFAULT_VARIANT, suggestedTask(cols), cols);
  return applyPreset(start, preset, cols);
}
