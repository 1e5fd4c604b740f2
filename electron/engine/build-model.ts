/**
 * Builds the tfjs model for a variant with the functional API:
 * input -> [masking] -> [conv blocks] -> [dimension shuffle] -> 1-4 x (LSTM|GRU [bidirectional],
 * [batch|layer norm]) -> [attention pooling] -> [concatenated with the fcn branch on the input] -> dense
 * head -> output (linear, or softmax for classification). Seeded: same variant, same weights.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Task, VariantConfig } from '../../shared/model/variant';
import { AttentionPooling } from './attention-layer';
import { tf } from './backend';
import { applyConvBlocks, fcnBranch } from './conv-blocks';
import { FusedBidirectional, FusedGRU, FusedLSTM } from './fused/fused-layers';
import { glorot, orthogonal, seedSequence } from './initializers';

/** The data-dependent sizes a model is built for. */
export interface ModelShape {
  window: number;
  features: number;
  /** Output width: forecast horizon x targets, regress targets, rul 1, classify classes. */
  outputs: number;
  task: Task;
}

type SymbolicTensor = TF.SymbolicTensor;

/**
 * Builds an untrained model for `config` and the data's `shape`. Layer names are fixed (conv_1, rnn_1,
 * norm_1, attention, fcn_1, fcn_concat, head_1, output...) so saved files and explanations can find them.
 */
export function buildModel(config: VariantConfig, shape: ModelShape): TF.LayersModel {
  checkShape(shape);
  const t = tf();
  const nextSeed = seedSequence(config.training.seed);
  const input = t.input({ shape: [shape.window, shape.features], name: 'input' });
  let x: SymbolicTensor = input;
  if (config.input.masking) x = apply(t.layers.masking({ maskValue: 0, name: 'masking' }), x);
  x = applyConvBlocks(config.conv.blocks, x, 'conv', nextSeed);
  if (config.fcn.enabled && config.fcn.shuffle) x = apply(t.layers.permute({ dims: [2, 1], name: 'shuffle' }), x);

  const units = config.recurrent.units;
  units.forEach((size, i) => {
    const last = i === units.length - 1;
    x = apply(recurrentLayer(config, size, i + 1, !last || config.attention.enabled, nextSeed), x);
    const norm = normalizationLayer(config, i + 1);
    if (norm) x = apply(norm, x);
  });

  if (config.attention.enabled) x = apply(new AttentionPooling({ name: 'attention', seed: nextSeed() }), x);
  if (config.fcn.enabled) x = t.layers.concatenate({ name: 'fcn_concat' }).apply([x, fcnBranch(config.fcn.blocks, input, nextSeed)]) as SymbolicTensor;

  config.head.units.forEach((size, i) => {
    x = apply(t.layers.dense({ units: size, activation: config.head.activation, kernelInitializer: glorot(nextSeed()), name: `head_${i + 1}` }), x);
    if (config.head.dropout > 0) x = apply(t.layers.dropout({ rate: config.head.dropout, seed: nextSeed(), name: `head_dropout_${i + 1}` }), x);
  });

  const outputSeed = nextSeed();
  const output = apply(
    t.layers.dense({
      units: shape.outputs,
      activation: shape.task === 'classify' ? 'softmax' : 'linear',
      // Predicting the change: a zero output layer makes the untrained model exactly the last value
      // (persistence), so training only moves away from it where the data says so.
      kernelInitializer: startsAtPersistence(config, shape) ? t.initializers.zeros() : glorot(outputSeed),
      name: 'output',
    }),
    x,
  );
  return t.model({ inputs: input, outputs: output, name: `lstm_studio_${shape.task}` });
}

/** True when the model forecasts the change from the last value, so a zero output means "repeat the last value". */
export function startsAtPersistence(config: VariantConfig, shape: Pick<ModelShape, 'task'>): boolean {
  return shape.task === 'forecast' && config.scaling.predictDelta;
}

function apply(layer: TF.layers.Layer, x: SymbolicTensor): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}

function recurrentLayer(config: VariantConfig, units: number, index: number, returnSequences: boolean, nextSeed: () => number): TF.layers.Layer {
  const t = tf();
  const { cell, bidirectional, dropout, recurrentDropout } = config.recurrent;
  const args = {
    units,
    returnSequences,
    // 'sigmoid' matches Keras/PyTorch and ran 20-35% faster than tfjs's default hardSigmoid on wasm.
    recurrentActivation: 'sigmoid' as const,
    kernelInitializer: glorot(nextSeed()),
    recurrentInitializer: orthogonal(nextSeed()),
    dropout,
    recurrentDropout,
    name: bidirectional ? `${cell}_${index}` : `rnn_${index}`,
  };
  // tfjs's own LSTM/GRU/Bidirectional classes, run on the fused kernel where it can (fused/fused-layers.ts).
  const layer = cell === 'gru' ? new FusedGRU(args) : new FusedLSTM({ ...args, unitForgetBias: true });
  // The backward copy gets the same initial weights (tfjs clones the config); it sees reversed input.
  return bidirectional ? new FusedBidirectional({ layer, mergeMode: 'concat', name: `rnn_${index}` }) : layer;
}

function normalizationLayer(config: VariantConfig, index: number): TF.layers.Layer | null {
  const t = tf();
  const name = `norm_${index}`;
  if (config.recurrent.normalization === 'batch') return t.layers.batchNormalization({ name });
  if (config.recurrent.normalization === 'layer') return t.layers.layerNormalization({ name });
  return null;
}

function checkShape(shape: ModelShape): void {
  for (const key of ['window', 'features', 'outputs'] as const) {
    const v = shape[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new Error(`buildModel: ${key} must be a whole number of at least 1, got ${v}. The prepared data has no ${key}: check the variant's input settings.`);
    }
  }
}

/** Number of weights in the model (trainable and not, as Keras's "Total params"). */
export function countParameters(model: TF.LayersModel): number {
  return model.countParams();
}

/** Size of the model's weights file in bytes (float32 weights, 4 bytes each). */
export function modelSizeBytes(model: TF.LayersModel): number {
  return model.weights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1) * bytesPerElement(w.dtype), 0);
}

function bytesPerElement(dtype: string): number {
  return dtype === 'bool' ? 1 : 4;
}
