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
import { FusedBatchNormalization, FusedBidirectional, FusedGRU, FusedLSTM } from './fused/fused-layers';
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
  const input = tf().input({ shape: [shape.window, shape.features], name: 'input' });
  return tf().model({ inputs: input, outputs: buildBranch(config, shape, input, ''), name: `lstm_studio_${shape.task}` });
}

/** A seed ensemble being built: the averaged model and, per member, a model over the same layers to train on its own. */
export interface EnsembleParts {
  /** Input -> every member -> their mean (layer `ensemble`): what is saved and scored as one version. */
  model: TF.LayersModel;
  members: TF.LayersModel[];
  /** The mean of the first k members (k = 1 is that member itself), for a run cancelled part-way. */
  firstMembers(k: number): TF.LayersModel;
}

/**
 * Builds `count` members of `config` on one input, member k seeded with training.seed + k (k from
 * 0): member 0's layers keep the plain names (rnn_1, attention, ...; its output is `output`),
 * member k's are prefixed `m<k+1>_`. Training a member model trains those layers in the ensemble.
 */
export function buildEnsemble(config: VariantConfig, shape: ModelShape, count: number): EnsembleParts {
  checkShape(shape);
  const t = tf();
  const input = t.input({ shape: [shape.window, shape.features], name: 'input' });
  const outputs = Array.from({ length: count }, (_, k) => buildBranch(memberConfig(config, k), shape, input, k === 0 ? '' : `m${k + 1}_`));
  const members = outputs.map((out, k) => t.model({ inputs: input, outputs: out, name: `lstm_studio_${shape.task}_member_${k + 1}` }));
  const averaged = (k: number) => t.model({ inputs: input, outputs: t.layers.average({ name: 'ensemble' }).apply(outputs.slice(0, k)) as SymbolicTensor, name: `lstm_studio_${shape.task}` });
  return { model: averaged(count), members, firstMembers: (k) => (k === 1 ? members[0] : averaged(k)) };
}

/** The config of ensemble member k: the same variant with seed training.seed + k. */
export function memberConfig(config: VariantConfig, k: number): VariantConfig {
  return k === 0 ? config : { ...config, training: { ...config.training, seed: config.training.seed + k } };
}

/**
 * input -> [masking] -> [conv blocks] -> recurrent stack -> [attention] [+ fcn branch] -> head -> output, with every layer name
 * prefixed by `prefix` (empty for a single model).
 */
function buildBranch(config: VariantConfig, shape: ModelShape, input: SymbolicTensor, prefix: string): SymbolicTensor {
  const t = tf();
  const nextSeed = seedSequence(config.training.seed);
  let x: SymbolicTensor = input;
  if (config.input.masking) x = apply(t.layers.masking({ maskValue: 0, name: `${prefix}masking` }), x);
  x = applyConvBlocks(config.conv.blocks, x, `${prefix}conv`, nextSeed);
  if (config.fcn.enabled && config.fcn.shuffle) x = apply(t.layers.permute({ dims: [2, 1], name: `${prefix}shuffle` }), x);

  const units = config.recurrent.units;
  units.forEach((size, i) => {
    const last = i === units.length - 1;
    const dropout = inputDropout(config, i + 1);
    x = apply(recurrentLayer(config, size, i + 1, { returnSequences: !last || config.attention.enabled, dropout }, nextSeed, prefix), x);
    const norm = normalizationLayer(config, i + 1, prefix);
    if (norm) x = apply(norm, x);
  });

  if (config.attention.enabled) x = apply(new AttentionPooling({ name: `${prefix}attention`, seed: nextSeed() }), x);
  if (config.fcn.enabled) x = t.layers.concatenate({ name: `${prefix}fcn_concat` }).apply([x, fcnBranch(config.fcn.blocks, input, nextSeed, prefix)]) as SymbolicTensor;

  config.head.units.forEach((size, i) => {
    x = apply(t.layers.dense({ units: size, activation: config.head.activation, kernelInitializer: glorot(nextSeed()), name: `${prefix}head_${i + 1}` }), x);
    if (config.head.dropout > 0) x = apply(t.layers.dropout({ rate: config.head.dropout, seed: nextSeed(), name: `${prefix}head_dropout_${i + 1}` }), x);
  });

  const outputSeed = nextSeed();
  const output = apply(
    t.layers.dense({
      units: shape.outputs,
      activation: shape.task === 'classify' ? 'softmax' : 'linear',
      // Predicting the change: a zero output layer makes the untrained model exactly the last value
      // (persistence), so training only moves away from it where the data says so.
      kernelInitializer: startsAtPersistence(config, shape) ? t.initializers.zeros() : glorot(outputSeed),
      name: `${prefix}output`,
    }),
    x,
  );
  if (!hasLinearSkip(config, shape)) return output;
  // The window straight to the output, zero at the start, so the model holds a linear model of the window.
  const flat = apply(t.layers.flatten({ name: `${prefix}skip_flatten` }), input);
  const skip = apply(t.layers.dense({ units: shape.outputs, kernelInitializer: t.initializers.zeros(), name: `${prefix}skip` }), flat);
  return t.layers.add({ name: `${prefix}skip_add` }).apply([output, skip]) as SymbolicTensor;
}

/** True when the model adds a linear map of its input window to its output (head.linearSkip; forecast and regress). */
export function hasLinearSkip(config: VariantConfig, shape: Pick<ModelShape, 'task'>): boolean {
  return config.head.linearSkip && (shape.task === 'forecast' || shape.task === 'regress');
}

/** True when the model forecasts the change from the last value, so a zero output means "repeat the last value". */
export function startsAtPersistence(config: VariantConfig, shape: Pick<ModelShape, 'task'>): boolean {
  return shape.task === 'forecast' && config.scaling.predictDelta;
}

function apply(layer: TF.layers.Layer, x: SymbolicTensor): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}

/**
 * The input dropout of recurrent layer `index` (from 1): `recurrent.dropout` acts between layers, as
 * in PyTorch. A recurrent layer's input dropout keeps one mask per sequence and feature for every
 * step, so on the raw inputs it would hide a whole sensor for a whole window (with one input, 10% of
 * the windows entirely): the first layer gets none unless convolution blocks come before it.
 */
export function inputDropout(config: VariantConfig, index: number): number {
  return index === 1 && config.conv.blocks.length === 0 ? 0 : config.recurrent.dropout;
}

function recurrentLayer(
  config: VariantConfig,
  units: number,
  index: number,
  o: { returnSequences: boolean; dropout: number },
  nextSeed: () => number,
  prefix: string,
): TF.layers.Layer {
  const { cell, bidirectional, recurrentDropout } = config.recurrent;
  const { returnSequences, dropout } = o;
  const args = {
    units,
    returnSequences,
    // 'sigmoid' matches Keras/PyTorch and ran 20-35% faster than tfjs's default hardSigmoid on wasm.
    recurrentActivation: 'sigmoid' as const,
    kernelInitializer: glorot(nextSeed()),
    recurrentInitializer: orthogonal(nextSeed()),
    dropout,
    recurrentDropout,
    name: bidirectional ? `${prefix}${cell}_${index}` : `${prefix}rnn_${index}`,
  };
  // tfjs's own LSTM/GRU/Bidirectional classes, run on the fused kernel where it can (fused/fused-layers.ts).
  const layer = cell === 'gru' ? new FusedGRU(args) : new FusedLSTM({ ...args, unitForgetBias: true });
  // The backward copy gets the same initial weights (tfjs clones the config); it sees reversed input.
  return bidirectional ? new FusedBidirectional({ layer, mergeMode: 'concat', name: `${prefix}rnn_${index}` }) : layer;
}

function normalizationLayer(config: VariantConfig, index: number, prefix: string): TF.layers.Layer | null {
  const t = tf();
  const name = `${prefix}norm_${index}`;
  if (config.recurrent.normalization === 'batch') return new FusedBatchNormalization({ name });
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
