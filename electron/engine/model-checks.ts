/** Checks of a saved model's files (metadata, JSON, weight sizes) with messages that say what to do. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import { refuseForbiddenKeys } from '../../shared/safe-keys';
import { MODEL_SCHEMA_VERSION, type ModelMetadata } from '../../shared/model/metadata';
import { DEFAULT_VARIANT, mergeVariant, type PartialVariant } from '../../shared/model/variant';

const RETRY = 'Re-export the model or retrain it.';

/** Bytes per stored value by dtype (quantised weights are stored in their quantisation dtype). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** Reads and parses a JSON file, or throws a UserError naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new UserError(`${file} is missing: the folder does not hold a complete model (${what}). ${RETRY}`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file} is not valid JSON (${(err as Error).message}): the file is damaged. ${RETRY}`);
  }
  refuseForbiddenKeys(value, file);
  return value;
}

/** Checks that parsed metadata is an LSTM Studio model of the schema version this app reads. */
export function checkMetadata(value: unknown, folder: string): ModelMetadata {
  const file = path.join(folder, 'metadata.json');
  const m = value as Partial<ModelMetadata> | null;
  if (!m || typeof m !== 'object' || m.format !== 'lstm-studio-model') {
    throw new UserError(`${file} does not describe an LSTM Studio model (format ${JSON.stringify(m?.format)}, expected "lstm-studio-model"). Pick a folder saved by LSTM Studio.`);
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
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d > 0) || !Number.isInteger(m.outputs) || !m.config) {
    throw new UserError(`${file} lacks the model's input shape, outputs or config: the file is damaged. ${RETRY}`);
  }
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
