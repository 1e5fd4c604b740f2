/**
 * Imports a Keras model converted to the TensorFlow.js layers format as a new model version, once
 * the user has mapped its inputs to dataset columns: the window and horizon come from the model's
 * shapes, the scalers from the dataset's column profiles (or none: the model takes raw values).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { ColumnProfile } from '../../shared/dataset';
import { UserError } from '../../shared/errors';
import { MODEL_SCHEMA_VERSION, type ModelMetadata } from '../../shared/model/metadata';
import type { ModelSummary } from '../../shared/model/training';
import { DEFAULT_VARIANT, mergeVariant, type ScalingMethod } from '../../shared/model/variant';
import type { KerasImportRequest, ModelLineage } from '../../shared/registry/types';
import type { ScalerState } from '../../shared/training/prepared';
import { resolveColumns } from '../../shared/training/resolve-columns';
import { readAppVersion } from '../app/version';
import { initEngine } from '../engine/backend';
import { countParameters } from '../engine/build-model';
import { saveModel } from '../engine/model-files';
import { getDatasetDetail } from '../store/dataset-repo';
import { checkModelName, getModel } from '../store/models-repo';
import { saveModelVersion } from '../training/save-version';
import { loadLayersFolder } from './keras-weights';
import { buildTrainingReference } from './training-reference';

/** Imports the model and registers it as the next version of `req.name`. */
export async function importKerasModel(db: Database.Database, home: string, req: KerasImportRequest): Promise<ModelSummary> {
  const name = checkModelName(req.name);
  const detail = getDatasetDetail(db, req.datasetId);
  const { model, file, generatedBy } = await loadLayersFolder(req.path);
  try {
    const [, steps, width] = model.inputs.length === 1 ? model.inputs[0].shape : [];
    if (model.inputs.length !== 1 || model.inputs[0].shape.length !== 3) {
      throw new UserError(`The model in ${file} takes ${model.inputs.length} input(s) of shape ${model.inputs.map((i) => JSON.stringify(i.shape)).join(', ')}; LSTM Studio feeds one input of windows [batch, steps, features].`);
    }
    if (width !== req.features.length) {
      throw new UserError(`The model in ${file} reads ${width} feature(s) per step, but ${req.features.length} column(s) were mapped (${req.features.join(', ') || 'none'}). Map one dataset column to each input, in the model's order.`);
    }
    const window = steps ?? req.window;
    if (!window) throw new UserError(`The model in ${file} accepts windows of any length: give the window (steps per window) to use.`);
    const outputs = model.outputs[0].shape.at(-1);
    if (model.outputs.length !== 1 || !outputs) throw new UserError(`The model in ${file} has ${model.outputs.length} outputs; LSTM Studio reads one output of fixed width.`);
    const horizon = taskHorizon(req, outputs, file);
    const config = mergeVariant(DEFAULT_VARIANT, {
      task: req.task,
      input: { features: req.features, targets: req.targets, window, horizon },
      scaling: { method: req.scaling ?? 'none', instanceNorm: false, predictDelta: false },
    });
    const columns = resolveColumns(detail, config);
    const classNames = req.task === 'classify' ? (req.classes ?? Array.from({ length: outputs }, (_, k) => `class_${k}`)) : [];
    const targetNames = req.task === 'rul' ? ['rul'] : req.task === 'classify' ? [columns.labelColumn ?? detail.summary.labelColumn ?? 'label'] : columns.targets;
    const engine = await initEngine();
    const runId = `keras-import-${randomUUID()}`;
    const createdAt = new Date().toISOString();
    const parameters = countParameters(model);
    const metadata = (version: number): ModelMetadata => ({
      schemaVersion: MODEL_SCHEMA_VERSION,
      format: 'lstm-studio-model',
      name,
      version,
      task: req.task,
      config,
      featureScaler: scaler(config.scaling.method, columns.features, detail.columns),
      targetScaler: req.task === 'forecast' || req.task === 'regress' ? scaler(config.scaling.method, columns.targets, detail.columns) : req.task === 'rul' ? scaler('none', ['rul'], []) : null,
      featureNames: columns.features,
      targetNames,
      classNames,
      window,
      horizon,
      inputShape: [window, width],
      outputs,
      training: { datasetName: detail.summary.name, fingerprint: detail.summary.fingerprint, columns: detail.columns.map((c) => c.name), runId },
      parameters,
      metrics: {},
      createdAt,
      appVersion: readAppVersion(),
      tfjsVersion: engine.tfjsVersion,
      backend: engine.backend,
    });
    const lineage: ModelLineage = {
      source: 'keras',
      runId,
      runInProject: false,
      datasetId: detail.summary.id,
      datasetName: detail.summary.name,
      fingerprint: detail.summary.fingerprint,
      config,
      preset: null,
      history: [],
      split: null,
      importedFrom: { file, name: generatedBy ?? path.basename(path.dirname(file)), version: 0, at: createdAt },
    };
    const allRows = { mode: 'chronological' as const, fractions: { train: 1, validation: 0, test: 0 }, windows: { train: 0, validation: 0, test: 0 }, boundaries: [] };
    const reference = buildTrainingReference(db, req.datasetId, [...new Set([...columns.features, ...columns.targets])], allRows);
    const saved = await saveModelVersion(
      db,
      home,
      { name, task: req.task, runId, datasetId: detail.summary.id, datasetName: detail.summary.name, createdAt, metrics: {}, parameters, source: 'keras', lineage, reference },
      (dir, version) => saveModel(model, dir, metadata(version)),
    );
    return getModel(db, name, saved.version);
  } finally {
    model.dispose();
  }
}

function taskHorizon(req: KerasImportRequest, outputs: number, file: string): number {
  const n = req.targets.length;
  const bad = (what: string) => new UserError(`The model in ${file} has ${outputs} output(s); ${what}`);
  if (req.task === 'forecast') {
    if (n === 0 || outputs % n !== 0) throw bad(`a forecast of ${n} target column(s) needs a multiple of ${n || 1} (horizon x targets). Map the targets the model predicts.`);
    return outputs / n;
  }
  if (req.task === 'regress' && outputs !== n) throw bad(`regressing ${n} target column(s) needs ${n}.`);
  if (req.task === 'rul' && outputs !== 1) throw bad('a remaining-useful-life model has one.');
  if (req.task === 'classify' && req.classes && req.classes.length !== outputs) throw bad(`${req.classes.length} class names were given: give one per output.`);
  return 1;
}

/** A scaler over whole-dataset column profiles (what the Keras model is assumed to have been trained with). */
function scaler(method: ScalingMethod, names: readonly string[], columns: readonly ColumnProfile[]): ScalerState {
  return {
    method,
    columns: names.map((name) => {
      const c = columns.find((x) => x.name === name);
      if (method === 'zscore' && c?.mean != null && c.std) return { name, offset: c.mean, scale: c.std };
      if (method === 'minmax' && c?.min != null && c.max != null && c.max > c.min) return { name, offset: c.min, scale: c.max - c.min };
      return { name, offset: 0, scale: 1 };
    }),
  };
}
