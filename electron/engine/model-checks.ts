/** Checks of a saved model's files (metadata, JSON, weight sizes) with messages that say what to do. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { UserError, clip, clipPath, fmtInt } from '../../shared/errors';
import { refuseForbiddenKeys } from '../../shared/safe-keys';
import { jsonDepthExceeds } from '../../shared/import/json-records';
import { readSmallFile } from '../app/input-file';
import { MODEL_SCHEMA_VERSION, type ModelMetadata } from '../../shared/model/metadata';
import { DEFAULT_VARIANT, mergeVariant, TASKS, type PartialVariant, type Task } from '../../shared/model/variant';

const RETRY = 'Re-export the model or retrain it.';

/** Bytes per stored value by dtype (quantised weights are stored in their quantisation dtype). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/**
 * Limits checked before a model is built or its weights are read, so a hostile or damaged file
 * (`units: 100000000`) is refused with the numbers instead of taking all the memory.
 */
export const MODEL_LIMITS = {
  /** Widest layer the variant schema builds (head layers of up to 512 units). */
  units: 512,
  /** Widest layer a file may declare when its own weights have that size: a recurrent layer of 4,096 units holds 4 x 4,096^2 values, the weight budget. */
  backedUnits: 4096,
  /** Memory budget for a model's weights (64M float32 values). */
  weightBytes: 256 * 1024 * 1024,
  /** Layers in one model. */
  layers: 1000,
  /** Steps and features of the input (features as many as a dataset may have columns). */
  steps: 100_000,
  features: 10_000,
  /** model.json and metadata.json are a few kilobytes; nesting deeper than this is not a model. */
  jsonBytes: 32 * 1024 * 1024,
  jsonDepth: 100,
} as const;

/** Reads and parses a small JSON file of a model (size and nesting checked first), or throws a UserError naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new UserError(`${file} is missing: the folder does not hold a complete model (${what}). ${RETRY}`);
  const text = readSmallFile(file, MODEL_LIMITS.jsonBytes, `The model file with ${what}`).toString('utf8');
  return parseModelJson(text, file, RETRY);
}

/**
 * Parses the text of a model's JSON file, refusing invalid JSON, nesting deeper than a model has and
 * keys such as `__proto__` (refuseForbiddenKeys).
 */
export function parseModelJson(text: string, file: string, advice: string): unknown {
  if (jsonDepthExceeds(text, MODEL_LIMITS.jsonDepth)) {
    throw new UserError(`${clipPath(file)} nests objects or arrays more than ${MODEL_LIMITS.jsonDepth} levels deep, which no model does: the file is damaged or not a model. ${advice}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${clipPath(file)} is not valid JSON (${clip((err as Error).message)}): the file is damaged. ${advice}`);
  }
  refuseForbiddenKeys(value, file);
  return value;
}

/**
 * Checks a layers-format model.json before anything is built or read: its weight manifest against
 * the memory budget, the number of layers, the input shape, and every declared layer size
 * (`units`, `filters`, ...): at most MODEL_LIMITS.units, or up to backedUnits when a weight of the
 * file's own manifest has that size. Throws a UserError with the numbers.
 */
export function checkModelTopology(modelJson: { modelTopology?: unknown; weightsManifest?: unknown }, file: string, advice: string): void {
  const name = clipPath(file);
  const manifest = Array.isArray(modelJson.weightsManifest) ? (modelJson.weightsManifest as { weights?: unknown }[]) : [];
  const dims = new Set<number>();
  let bytes = 0;
  for (const group of manifest) {
    for (const spec of Array.isArray(group?.weights) ? (group.weights as TF.io.WeightsManifestEntry[]) : []) {
      const shape = Array.isArray(spec?.shape) ? spec.shape : [];
      if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new UserError(`${name}: weight ${clip(String(spec?.name))} has an impossible shape. ${advice}`);
      for (const d of shape) dims.add(d);
      bytes += shape.reduce((a, b) => a * b, 1) * (BYTES[spec.quantization?.dtype ?? spec.dtype] ?? 4);
    }
  }
  if (bytes > MODEL_LIMITS.weightBytes) {
    throw new UserError(`${name} lists ${fmtInt(bytes)} bytes of weights; LSTM Studio loads models of at most ${fmtInt(MODEL_LIMITS.weightBytes)} bytes (${fmtInt(MODEL_LIMITS.weightBytes / 4)} values). ${advice}`);
  }
  let layers = 0;
  const stack: unknown[] = [modelJson.modelTopology];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const o = node as Record<string, unknown>;
    if (typeof o.class_name === 'string' && o.config && typeof o.config === 'object' && ++layers > MODEL_LIMITS.layers) {
      throw new UserError(`${name} declares more than ${fmtInt(MODEL_LIMITS.layers)} layers; LSTM Studio loads at most that many. ${advice}`);
    }
    for (const [key, value] of Object.entries(o)) {
      if (SIZE_KEYS.has(key)) checkSize(key, value, dims, name, advice);
      else if (INPUT_SHAPE_KEYS.has(key)) checkInputShape(value, name, advice);
      else if (value && typeof value === 'object') stack.push(value);
    }
  }
}

/** Config keys that size a layer's weights or outputs. */
const SIZE_KEYS = new Set(['units', 'filters', 'input_dim', 'output_dim', 'inputDim', 'outputDim', 'n', 'kernel_size', 'kernelSize', 'num_heads', 'key_dim']);
const INPUT_SHAPE_KEYS = new Set(['batch_input_shape', 'batchInputShape', 'batch_shape', 'input_shape', 'inputShape', 'target_shape', 'targetShape']);

function checkSize(key: string, value: unknown, dims: Set<number>, name: string, advice: string): void {
  for (const v of Array.isArray(value) ? value : [value]) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new UserError(`${name} declares ${key} ${clip(JSON.stringify(v) ?? String(v))}, which is not a size. ${advice}`);
    if (v <= MODEL_LIMITS.units) continue;
    const backed = v <= MODEL_LIMITS.backedUnits && [1, 2, 3, 4].some((k) => dims.has(v * k));
    if (!backed) {
      throw new UserError(
        `${name} declares a layer with ${key} ${fmtInt(v)}; LSTM Studio builds layers of at most ${fmtInt(MODEL_LIMITS.units)}, or up to ${fmtInt(MODEL_LIMITS.backedUnits)} when the file's own weights have that size${dims.has(v) ? '' : ' (they do not)'}. ${advice}`,
      );
    }
  }
}

function checkInputShape(value: unknown, name: string, advice: string): void {
  if (!Array.isArray(value)) return;
  const dims = value.filter((d) => d !== null);
  if (!dims.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new UserError(`${name} declares an input shape ${clip(JSON.stringify(value))} that is not a list of sizes. ${advice}`);
  const features = dims.length > 0 ? (dims[dims.length - 1] as number) : 0;
  const steps = Math.max(0, ...(dims.slice(0, -1) as number[]));
  if (features > MODEL_LIMITS.features || steps > MODEL_LIMITS.steps) {
    throw new UserError(
      `${name} declares an input of ${clip(JSON.stringify(value))}; LSTM Studio reads windows of at most ${fmtInt(MODEL_LIMITS.steps)} steps of ${fmtInt(MODEL_LIMITS.features)} features. ${advice}`,
    );
  }
}

/** Checks that parsed metadata is an LSTM Studio model of the schema version this app reads. */
export function checkMetadata(value: unknown, folder: string): ModelMetadata {
  const file = path.join(folder, 'metadata.json');
  const m = value as Partial<ModelMetadata> | null;
  if (!m || typeof m !== 'object' || m.format !== 'lstm-studio-model') {
    const format = m && typeof m === 'object' && m.format !== undefined ? JSON.stringify(m.format).slice(0, 40) : 'missing';
    throw new UserError(`${file} does not describe an LSTM Studio model (format ${format}, expected "lstm-studio-model"). Pick a folder saved by LSTM Studio.`);
  }
  if (m.schemaVersion !== MODEL_SCHEMA_VERSION) {
    const v = m.schemaVersion;
    const advice =
      typeof v === 'number' && v > MODEL_SCHEMA_VERSION
        ? 'it was saved by a newer LSTM Studio: update LSTM Studio to open it.'
        : 'it was saved by an older LSTM Studio: retrain the model with this version, or open it with the version that saved it.';
    throw new UserError(`${file}: model schema version ${JSON.stringify(v)} cannot be read by this version, which reads version ${MODEL_SCHEMA_VERSION}; ${advice}`);
  }
  const shape = m.inputShape;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d > 0) || !Number.isInteger(m.outputs) || !m.config || typeof m.config !== 'object') {
    throw new UserError(`${file} lacks the model's input shape, outputs or config: the file is damaged. ${RETRY}`);
  }
  if (shape[0] > MODEL_LIMITS.steps || shape[1] > MODEL_LIMITS.features || (m.outputs as number) > MODEL_LIMITS.weightBytes / 4) {
    throw new UserError(`${file} declares windows of ${fmtInt(shape[0])} x ${fmtInt(shape[1])} and ${fmtInt(m.outputs as number)} outputs; LSTM Studio reads at most ${fmtInt(MODEL_LIMITS.steps)} steps of ${fmtInt(MODEL_LIMITS.features)} features. ${RETRY}`);
  }
  // What the registry and the scoring pipeline rely on (a forged task once reached a CHECK constraint).
  const wrong = !TASKS.includes(m.task as Task)
    ? `task ${JSON.stringify(m.task)?.slice(0, 40) ?? 'missing'}`
    : m.window !== undefined && !(Number.isInteger(m.window) && m.window > 0)
      ? `window ${JSON.stringify(m.window)?.slice(0, 40)}`
      : m.horizon !== undefined && !(Number.isInteger(m.horizon) && m.horizon >= 0)
        ? `horizon ${JSON.stringify(m.horizon)?.slice(0, 40)}`
        : (['featureNames', 'targetNames', 'classNames'] as const).some((k) => m[k] !== undefined && !Array.isArray(m[k]))
          ? 'column list'
          : null;
  if (wrong !== null) throw new UserError(`${file} has an impossible ${wrong}: the file is damaged. ${RETRY}`);
  // Fields added to the variant since the model was saved take their defaults (e.g. training.loss).
  return { ...m, config: mergeVariant(DEFAULT_VARIANT, m.config as PartialVariant) } as ModelMetadata;
}

/**
 * Reads the weight files a manifest lists, checking each group's files exist and add up to the byte
 * size its weight specs imply (a truncated copy or download fails here, naming the file).
 */
export function readWeights(folder: string, manifest: TF.io.WeightsManifestConfig): { specs: TF.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  const specs: TF.io.WeightsManifestEntry[] = [];
  const parts: Buffer[] = [];
  for (const group of manifest) {
    const files = group.paths.map((p) => weightFile(folder, p));
    const expected = group.weights.reduce((sum, spec) => sum + specBytes(spec, folder), 0);
    const actual = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    if (actual !== expected) {
      const names = files.map((f) => path.basename(f)).join(', ');
      throw new UserError(`${path.join(folder, names)} holds ${actual} bytes but model.json needs ${expected}: the weights file is truncated or damaged. ${RETRY}`);
    }
    for (const f of files) parts.push(fs.readFileSync(f));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(parts);
  return { specs, data: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer };
}

function weightFile(folder: string, relative: string): string {
  const file = path.resolve(folder, relative);
  if (path.dirname(file) !== folder) throw new UserError(`model.json in ${folder} points outside its folder (${relative}). ${RETRY}`);
  if (!fs.existsSync(file)) throw new UserError(`${file} is missing: model.json lists it as a weights file. ${RETRY}`);
  return file;
}

function specBytes(spec: TF.io.WeightsManifestEntry, folder: string): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const size = BYTES[dtype];
  if (size === undefined) throw new UserError(`model.json in ${folder} has weight ${spec.name} of unsupported type ${dtype}. ${RETRY}`);
  return spec.shape.reduce((a, b) => a * b, 1) * size;
}
