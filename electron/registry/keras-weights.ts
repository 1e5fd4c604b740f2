/**
 * Loading a Keras model converted to the TensorFlow.js layers format (model.json + weight shards).
 * The Keras converter names recurrent weights after their cell (`lstm/lstm_cell/kernel`) where
 * TensorFlow.js expects `lstm/kernel` (tfjs issue 3460), so weights are matched by name with cell
 * segments dropped, and checked by shape.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import { initEngine, tf } from '../engine/backend';
import { registerInitializers } from '../engine/initializers';
import { checkModelTopology, MODEL_LIMITS, parseModelJson, readWeights } from '../engine/model-checks';
import { readSmallFile } from '../app/input-file';
import '../engine/attention-layer';

const CONVERT = 'Convert the Keras model with `tensorflowjs_converter --input_format keras model.h5 OUT_DIR` and give OUT_DIR/model.json.';
/** The advice after a limit or a damaged file (short: the message already names the file and the numbers). */
const CONVERT_AGAIN = 'Check the file, or convert the model again with tensorflowjs_converter.';

/** A layers-format model.json (or its folder) read into a model with its weights, and what it says about itself. */
export async function loadLayersFolder(where: string): Promise<{ model: TF.LayersModel; file: string; generatedBy: string | null }> {
  await initEngine();
  registerInitializers();
  const file = resolveModelJson(where);
  const folder = path.dirname(file);
  const text = readSmallFile(file, MODEL_LIMITS.jsonBytes, 'The model file', { expected: 'a model.json (or its folder)' }).toString('utf8');
  const json = parseModelJson(text, file, CONVERT_AGAIN) as Partial<TF.io.ModelJSON> & { format?: string };
  if (json?.format === 'graph-model') throw new UserError(`${file} is a TensorFlow.js graph model (from a SavedModel), which cannot be read as layers. ${CONVERT}`);
  if (!json || typeof json.modelTopology !== 'object' || json.modelTopology === null || !Array.isArray(json.weightsManifest)) {
    throw new UserError(`${file} is not a TensorFlow.js layers model (it has no modelTopology or weightsManifest). ${CONVERT}`);
  }
  checkModelTopology(json, file, CONVERT_AGAIN);
  const { specs, data } = readWeights(folder, json.weightsManifest);
  const t = tf();
  let model: TF.LayersModel;
  try {
    model = await t.models.modelFromJSON({ modelTopology: json.modelTopology } as TF.io.ModelJSON);
  } catch (err) {
    const why = (err as Error).message.split(/\. |\n/)[0].slice(0, 100);
    throw new UserError(`TensorFlow.js cannot rebuild the model in ${path.basename(file)}: ${why}. Only layers TensorFlow.js supports can be imported (LSTM, GRU, Dense, Dropout, ...).`);
  }
  try {
    setNamedWeights(model, t.io.decodeWeights(data, specs), file);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, file, generatedBy: json.generatedBy ?? null };
}

function resolveModelJson(where: string): string {
  const target = path.resolve(where);
  if (!fs.existsSync(target)) throw new UserError(`No file or folder at ${target}. ${CONVERT}`);
  const file = fs.statSync(target).isDirectory() ? path.join(target, 'model.json') : target;
  if (!fs.existsSync(file)) throw new UserError(`${target} holds no model.json. ${CONVERT}`);
  return file;
}

/** `lstm/lstm_cell/kernel` -> `lstm/kernel`; `bidirectional/forward_lstm/lstm_cell_1/kernel` -> `bidirectional/forward_lstm/kernel`. */
export function weightKey(name: string): string {
  return name
    .replace(/:\d+$/, '')
    .split('/')
    .filter((part, i, all) => i === all.length - 1 || !/^(lstm|gru|simple_rnn)_cell(_\d+)?$/.test(part))
    .join('/');
}

function setNamedWeights(model: TF.LayersModel, tensors: TF.NamedTensorMap, file: string): void {
  const byKey = new Map(Object.entries(tensors).map(([name, tensor]) => [weightKey(name), tensor]));
  const values = model.weights.map((w) => {
    const tensor = tensors[w.originalName] ?? byKey.get(weightKey(w.originalName));
    if (!tensor) {
      throw new UserError(`${file} has no weights for ${w.originalName} (it has ${Object.keys(tensors).slice(0, 8).join(', ')}). The weight files do not belong to this model.json.`);
    }
    if (tensor.shape.join('x') !== w.shape.join('x')) {
      throw new UserError(`${file}: weight ${w.originalName} has shape ${tensor.shape.join(' x ')}, the layer needs ${w.shape.join(' x ')}. The weight files do not belong to this model.json.`);
    }
    return tensor;
  });
  if (values.length !== Object.keys(tensors).length) {
    throw new UserError(`${file} holds ${Object.keys(tensors).length} weight arrays but the model has ${values.length}. The weight files do not belong to this model.json.`);
  }
  model.setWeights(values);
  for (const t of Object.values(tensors)) t.dispose();
}
