import { clip } from '../errors';
import { DEFAULT_VARIANT, MAX_CONDITION_CLUSTERS, TASKS, isPlainObject, mergeVariant, type ConvBlock, type PartialVariant, type VariantConfig } from './variant';

/** One problem in a config: the field's dotted path and what is wrong with it. */
export interface FieldError {
  path: string;
  message: string;
}

/** The outcome of validating a config. */
export type VariantValidation = { ok: true; config: VariantConfig } | { ok: false; errors: FieldError[] };

type Check = (v: unknown, path: string, errors: FieldError[]) => void;

const int = (min: number, max: number): Check => (v, path, errors) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) errors.push({ path, message: `${show(v)} is not allowed: use a whole number from ${min} to ${max}.` });
};
const num = (min: number, max: number): Check => (v, path, errors) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) errors.push({ path, message: `${show(v)} is not allowed: use a number from ${min} to ${max}.` });
};
const bool: Check = (v, path, errors) => {
  if (typeof v !== 'boolean') errors.push({ path, message: `${show(v)} is not allowed: use true or false.` });
};
const oneOf = (choices: readonly string[]): Check => (v, path, errors) => {
  if (typeof v !== 'string' || !choices.includes(v)) errors.push({ path, message: `${show(v)} is not allowed: use one of ${choices.join(', ')}.` });
};
const listOf = (item: Check, minLen: number, maxLen: number): Check => (v, path, errors) => {
  if (!Array.isArray(v) || v.length < minLen || v.length > maxLen) {
    errors.push({ path, message: `${show(v)} is not allowed: give a list of ${minLen === maxLen ? minLen : `${minLen} to ${maxLen}`} items.` });
    return;
  }
  v.forEach((x, i) => item(x, `${path}[${i}]`, errors));
};
const str: Check = (v, path, errors) => {
  if (typeof v !== 'string' || v.trim() === '') errors.push({ path, message: `${show(v)} is not allowed: use a column name.` });
};

const CONV_BLOCK: Record<keyof ConvBlock, Check> = { filters: int(4, 512), kernel: int(1, 64), dilation: int(1, 64), batchNorm: bool, pool: int(1, 16) };
/** Unset block fields: a 3-step kernel, no dilation, batch norm, no pooling (filters must be given). */
const CONV_BLOCK_DEFAULTS = { kernel: 3, dilation: 1, batchNorm: true, pool: 1 };
const convBlock: Check = (v, path, errors) => {
  if (!isPlainObject(v)) return void errors.push({ path, message: `${show(v)} is not a conv block: write e.g. {filters: 64, kernel: 5} (optional: dilation, batchNorm, pool).` });
  for (const k of Object.keys(v)) if (!Object.hasOwn(CONV_BLOCK, k)) errors.push({ path: `${path}.${k}`, message: `is not a known field of a conv block. Known fields: ${Object.keys(CONV_BLOCK).join(', ')}.` });
  for (const [k, check] of Object.entries(CONV_BLOCK)) check(v[k], `${path}.${k}`, errors);
};

/** The schema: each field's check, by dotted path. Unknown fields are errors too (typos must not pass silently). */
const SCHEMA: Record<string, Check> = {
  task: oneOf(TASKS),
  'input.features': (v, p, e) => (v === 'all' ? undefined : listOf(str, 1, 512)(v, p, e)),
  'input.targets': listOf(str, 0, 32),
  'input.window': int(2, 1024),
  'input.horizon': int(1, 256),
  'input.stride': int(1, 1024),
  'input.masking': bool,
  'input.padding': oneOf(['pre', 'post']),
  'scaling.method': oneOf(['zscore', 'minmax', 'none']),
  'scaling.instanceNorm': bool,
  'scaling.predictDelta': bool,
  'scaling.conditions.columns': listOf(str, 0, 16),
  'scaling.conditions.clusters': (v, p, e) => (v === 'auto' ? undefined : int(1, MAX_CONDITION_CLUSTERS)(v, p, e)),
  'engineering.calendar': listOf(oneOf(['hour', 'dayOfWeek', 'dayOfYear']), 0, 3),
  'engineering.lags': listOf(int(1, 1000), 0, 8),
  'engineering.differences': bool,
  'engineering.rolling': listOf(int(2, 1000), 0, 4),
  'engineering.rollingStats': listOf(oneOf(['mean', 'std']), 0, 2),
  'conv.blocks': listOf(convBlock, 0, 6),
  'fcn.enabled': bool,
  'fcn.blocks': listOf(convBlock, 1, 6),
  'fcn.shuffle': bool,
  'recurrent.cell': oneOf(['lstm', 'gru']),
  'recurrent.units': listOf(int(32, 256), 1, 4),
  'recurrent.bidirectional': bool,
  'recurrent.dropout': num(0, 0.8),
  'recurrent.recurrentDropout': num(0, 0.8),
  'recurrent.normalization': oneOf(['none', 'batch', 'layer']),
  'attention.enabled': bool,
  'head.units': listOf(int(4, 512), 0, 3),
  'head.activation': oneOf(['relu', 'tanh', 'elu', 'selu', 'linear']),
  'head.dropout': num(0, 0.8),
  'head.linearSkip': bool,
  'training.optimizer': oneOf(['adam', 'rmsprop']),
  'training.loss': oneOf(['mse', 'mae', 'huber']),
  'training.learningRate': num(1e-6, 1),
  'training.reduceOnPlateau.enabled': bool,
  'training.reduceOnPlateau.factor': num(0.05, 0.95),
  'training.reduceOnPlateau.patience': int(1, 100),
  'training.reduceOnPlateau.minLearningRate': num(0, 1),
  'training.weightDecay': num(0, 0.1),
  'training.clipNorm': num(0, 100),
  'training.batchSize': int(1, 4096),
  'training.epochs': int(1, 1000),
  'training.earlyStopping.enabled': bool,
  'training.earlyStopping.patience': int(1, 200),
  'training.earlyStopping.restoreBestWeights': bool,
  'training.minValidation': int(0, 100_000),
  'training.seed': int(0, 2 ** 31 - 1),
  'training.seeds': int(1, 10),
  'training.split.train': num(0.05, 0.95),
  'training.split.validation': num(0.01, 0.9),
  'training.split.test': num(0, 0.9),
  'training.split.mode': oneOf(['auto', 'chronological', 'entity']),
  'rul.cap': (v, p, e) => (v === null ? undefined : num(1, 1e9)(v, p, e)),
};

/**
 * Validates a (partial) config merged over the defaults: every field's type and range, unknown
 * fields, and rules between fields. Messages name the field and the allowed values.
 */
export function validateVariant(raw: unknown, base: VariantConfig = DEFAULT_VARIANT): VariantValidation {
  if (!isPlainObject(raw)) return { ok: false, errors: [{ path: '(config)', message: 'A config must be an object of fields, e.g. {"task": "forecast"}.' }] };
  const errors: FieldError[] = [];
  findUnknown(raw, base as unknown as Record<string, unknown>, '', errors);
  if (errors.length > 0) return { ok: false, errors };
  const config = mergeVariant(base, raw as PartialVariant);
  for (const group of [config.conv, config.fcn]) {
    if (Array.isArray(group?.blocks)) group.blocks = group.blocks.map((b) => (isPlainObject(b) ? { ...CONV_BLOCK_DEFAULTS, ...b } : b));
  }
  for (const [path, check] of Object.entries(SCHEMA)) check(get(config, path), path, errors);
  if (errors.length === 0) crossFieldRules(config, errors);
  return errors.length === 0 ? { ok: true, config } : { ok: false, errors };
}

/**
 * The fields of a partial config that the config's shape (DEFAULT_VARIANT's) does not have, and
 * values given where a group of fields belongs; for a layer (a config file) before it is merged
 * with others, where a later layer would hide the mistake.
 */
export function variantShapeErrors(raw: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  findUnknown(raw, DEFAULT_VARIANT as unknown as Record<string, unknown>, '', errors);
  return errors;
}

function crossFieldRules(c: VariantConfig, errors: FieldError[]): void {
  const s = c.training.split;
  if (Math.abs(s.train + s.validation + s.test - 1) > 1e-6) {
    errors.push({ path: 'training.split', message: `train + validation + test must add up to 1 (they add up to ${round(s.train + s.validation + s.test)}).` });
  }
  if (c.task !== 'forecast' && c.input.horizon !== 1) {
    errors.push({ path: 'input.horizon', message: `must be 1 for the ${c.task} task (only forecast predicts several steps ahead).` });
  }
  if ((c.task === 'forecast' || c.task === 'regress') && c.input.targets.length === 0) {
    errors.push({ path: 'input.targets', message: `the ${c.task} task needs at least one target column.` });
  }
  if (c.task === 'rul' && c.input.targets.length > 0) {
    errors.push({ path: 'input.targets', message: 'the rul task derives its target from each entity\'s last record: leave targets empty.' });
  }
  if (c.task === 'classify' && c.input.targets.length > 1) {
    errors.push({ path: 'input.targets', message: 'the classify task takes one label column (or none for wide files of labelled sequences).' });
  }
  if (c.task === 'forecast' && c.scaling.conditions.columns.length > 0) {
    errors.push({ path: 'scaling.conditions.columns', message: 'condition-wise normalisation is for the rul, regress and classify tasks (a forecast predicts its inputs in their own units): leave it empty, or use scaling.instanceNorm.' });
  }
  convRules(c, errors);
}

/** Combinations the convolutional layers cannot honour. */
function convRules(c: VariantConfig, errors: FieldError[]): void {
  const conv = c.conv.blocks.length > 0;
  if (c.input.masking && (conv || c.fcn.enabled)) {
    errors.push({ path: 'input.masking', message: `convolutions cannot skip masked steps: turn masking off (padding then counts as zeros) or remove ${conv ? 'conv.blocks' : 'the fcn branch (fcn.enabled: false)'}.` });
  }
  if (c.fcn.shuffle && !c.fcn.enabled) errors.push({ path: 'fcn.shuffle', message: 'only applies with the fcn branch: set fcn.enabled: true, or fcn.shuffle: false.' });
  if (c.attention.enabled && c.fcn.enabled && c.fcn.shuffle) {
    errors.push({ path: 'attention.enabled', message: 'attention weighs time steps, but with fcn.shuffle the recurrent branch reads features as steps: turn one of them off.' });
  }
  if (c.attention.enabled && c.conv.blocks.some((b) => b.pool > 1)) {
    errors.push({ path: 'attention.enabled', message: 'attention weights are shown per input step, but conv.blocks pooling shortens the time axis: set pool: 1 in every conv block or turn attention off.' });
  }
}

function findUnknown(raw: Record<string, unknown>, base: Record<string, unknown>, prefix: string, errors: FieldError[]): void {
  for (const [k, v] of Object.entries(raw)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!Object.hasOwn(base, k)) {
      errors.push({ path, message: `is not a known field${prefix ? ` of ${prefix}` : ''}. Known fields: ${Object.keys(base).join(', ')}.` });
    } else if (isPlainObject(base[k]) && isPlainObject(v)) {
      findUnknown(v, base[k] as Record<string, unknown>, path, errors);
    } else if (isPlainObject(base[k]) && !isPlainObject(v)) {
      errors.push({ path, message: `must be a group of fields (${Object.keys(base[k] as object).join(', ')}), not ${show(v)}.` });
    }
  }
}

/** Reads a field by dotted path. */
export function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), obj);
}

/** Formats validation errors as lines "path: message". */
export function formatFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${clip(v)}'`;
  if (v === undefined) return 'nothing';
  return clip(JSON.stringify(v) ?? String(v));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
