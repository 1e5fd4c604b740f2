/**
 * A Keras model as `tensorflowjs_converter --input_format keras` writes it: model.json with a
 * Keras 2 topology and `group1-shard1of1.bin`, its LSTM weights named after the cell
 * (`lstm/lstm_cell/kernel`) as Keras does. Built with TensorFlow.js (no Python here), with seeded weights.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { initEngine, tf } from '../../electron/engine/backend';
import { createRng, gaussian } from '../../shared/random';

/** Writes the converted model into `dir` and returns the model it holds (for reference predictions). */
export async function writeKerasFixture(dir: string, o: { window: number; features: number; units: number; outputs: number }): Promise<TF.LayersModel> {
  await initEngine();
  const t = tf();
  const model = t.sequential({ name: 'sequential' });
  model.add(t.layers.lstm({ name: 'lstm', units: o.units, inputShape: [o.window, o.features], recurrentActivation: 'sigmoid' }));
  model.add(t.layers.dense({ name: 'dense', units: o.outputs }));
  const rng = createRng(11);
  model.setWeights(
    model.weights.map((w) => {
      const shape = w.shape as number[];
      return t.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 0.3 * gaussian(rng)), shape);
    }),
  );
  fs.mkdirSync(dir, { recursive: true });
  await model.save(
    t.io.withSaveHandler(async (artifacts) => {
      const topology = { ...(artifacts.modelTopology as Record<string, unknown>), keras_version: '2.15.0', backend: 'tensorflow' };
      const weights = (artifacts.weightSpecs ?? []).map((s) => ({ ...s, name: s.name.replace(/^lstm\//, 'lstm/lstm_cell/') }));
      const json = { format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology: topology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }] };
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
      fs.writeFileSync(path.join(dir, 'group1-shard1of1.bin'), new Uint8Array(t.io.CompositeArrayBuffer.join(artifacts.weightData ?? [])));
      return { modelArtifactsInfo: t.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return model;
}
