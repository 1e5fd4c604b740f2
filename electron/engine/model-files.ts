/**
 * Saving and loading a model folder: model.json + weights.bin (the TensorFlow.js layers format,
 * written by our own handler so it works on every backend) and metadata.json. Saving is atomic (a
 * temporary folder renamed into place); loading checks every file before tfjs sees it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import type { ModelMetadata } from '../../shared/model/metadata';
import { initEngine, tf } from './backend';
import { checkMetadata, checkModelTopology, readJsonFile, readWeights } from './model-checks';
import './attention-layer';
import './temporal-conv-layer';
import { registerFusedLayers } from './fused/fused-layers';
import { registerInitializers } from './initializers';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';
const METADATA_JSON = 'metadata.json';

/**
 * Saves `model` and its `metadata` into the new folder `dir`, atomically: everything is written to
 * `<dir>.tmp-<random>` and renamed into place, so a crash never leaves a half-written model.
 * Refuses when `dir` already exists.
 */
export async function saveModel(model: TF.LayersModel, dir: string, metadata: ModelMetadata): Promise<void> {
  const target = path.resolve(dir);
  refuseExisting(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  fs.mkdirSync(tmp);
  try {
    const t = tf();
    await model.save(
      t.io.withSaveHandler(async (artifacts) => {
        const weights = new Uint8Array(t.io.CompositeArrayBuffer.join(artifacts.weightData ?? []));
        const modelJson: TF.io.ModelJSON = {
          modelTopology: artifacts.modelTopology as object,
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy ?? null,
          weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        };
        if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
        writeDurable(path.join(tmp, MODEL_JSON), JSON.stringify(modelJson));
        writeDurable(path.join(tmp, WEIGHTS_BIN), weights);
        return { modelArtifactsInfo: t.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
    writeDurable(path.join(tmp, METADATA_JSON), JSON.stringify(metadata, null, 2));
    refuseExisting(target); // another save may have won the race meanwhile
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Loads a model folder written by `saveModel`. Every problem (missing folder or file, unreadable
 * JSON, another format or schema version, truncated weights) is a UserError saying what, where and
 * what to do.
 */
export async function loadModel(dir: string): Promise<{ model: TF.LayersModel; metadata: ModelMetadata }> {
  await initEngine();
  registerInitializers();
  registerFusedLayers();
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new UserError(`No model folder at ${folder}: check the path, or pick the model again from the models list.`);
  }
  const metadata = checkMetadata(readJsonFile(path.join(folder, METADATA_JSON), 'the model metadata'), folder);
  const modelJsonFile = path.join(folder, MODEL_JSON);
  const modelJson = readJsonFile(modelJsonFile, 'the model topology') as Partial<TF.io.ModelJSON>;
  if (!modelJson || typeof modelJson.modelTopology !== 'object' || !Array.isArray(modelJson.weightsManifest)) {
    throw new UserError(`${modelJsonFile} is not a TensorFlow.js layers model (no modelTopology or weightsManifest). Re-export the model or retrain it.`);
  }
  checkModelTopology(modelJson, modelJsonFile, 'Re-export the model or retrain it.');
  const { specs, data } = readWeights(folder, modelJson.weightsManifest);
  const t = tf();
  let model: TF.LayersModel;
  try {
    model = await t.loadLayersModel({
      load: async () => ({
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs: specs,
        weightData: data,
      }),
    });
  } catch (err) {
    throw new UserError(`The model in ${folder} could not be rebuilt (${(err as Error).message}). Re-export the model or retrain it.`);
  }
  checkInputShape(model, metadata, folder);
  return { model, metadata };
}

function checkInputShape(model: TF.LayersModel, metadata: ModelMetadata, folder: string): void {
  const [, window, features] = model.inputs[0].shape;
  if (window !== metadata.inputShape[0] || features !== metadata.inputShape[1]) {
    model.dispose();
    throw new UserError(
      `The model in ${folder} takes windows of ${window} x ${features} but its metadata.json says ${metadata.inputShape.join(' x ')}: ` +
        'the files come from different models. Re-export the model or retrain it.',
    );
  }
}

function refuseExisting(target: string): void {
  if (fs.existsSync(target)) {
    throw new UserError(`Cannot save the model: ${target} already exists. Save under a new version or name, or delete that folder first.`);
  }
}

/** Writes a file and flushes it to disk before the folder is renamed into place. */
function writeDurable(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
