/**
 * The convolutional parts of a variant: Conv1D blocks (convolution -> [batch norm] -> ReLU -> [max
 * pooling]) before the recurrent stack (CNN-LSTM), and the fully convolutional branch of LSTM-FCN
 * (blocks -> global average pooling). Layer names are fixed (conv_1, conv_bn_1, conv_relu_1,
 * conv_pool_1; fcn_1 ..., fcn_pool) so saved models and explanations find them.
 */
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import type { ConvBlock } from '../../shared/model/variant';
import { tf } from './backend';
import { FusedBatchNormalization, FusedMaxPooling1D } from './fused/fused-layers';
import { TemporalConv } from './temporal-conv-layer';

type SymbolicTensor = TF.SymbolicTensor;

/** Applies `blocks` to x ([n, steps, channels]); layers are named `${prefix}_${i}`, `${prefix}_bn_${i}`... (prefix conv or fcn, prefixed by a seed-ensemble member's name). */
export function applyConvBlocks(blocks: readonly ConvBlock[], x: SymbolicTensor, prefix: string, nextSeed: () => number): SymbolicTensor {
  const t = tf();
  blocks.forEach((b, index) => {
    const i = index + 1;
    x = apply(new TemporalConv({ filters: b.filters, kernelSize: b.kernel, dilation: b.dilation, seed: nextSeed(), name: `${prefix}_${i}` }), x);
    // Momentum 0.9 (not Keras's 0.99): small data sets give few batches per epoch, and restored best
    // weights from an early epoch must come with running statistics that have caught up.
    if (b.batchNorm) x = apply(new FusedBatchNormalization({ momentum: 0.9, name: `${prefix}_bn_${i}` }), x);
    x = apply(t.layers.activation({ activation: 'relu', name: `${prefix}_relu_${i}` }), x);
    if (b.pool > 1) {
      const steps = x.shape[1] ?? 0;
      if (steps < b.pool) {
        throw new UserError(`${prefix}.blocks[${index}].pool: pooling by ${b.pool} leaves no steps of the ${steps} this block sees: use a smaller pool or a longer input.window.`);
      }
      x = apply(new FusedMaxPooling1D({ poolSize: b.pool, strides: b.pool, name: `${prefix}_pool_${i}` }), x);
    }
  });
  return x;
}

/** The LSTM-FCN convolutional branch on the model's input: its blocks, then global average pooling over time (names prefixed by `member`). */
export function fcnBranch(blocks: readonly ConvBlock[], input: SymbolicTensor, nextSeed: () => number, member = ''): SymbolicTensor {
  const x = applyConvBlocks(blocks, input, `${member}fcn`, nextSeed);
  return apply(tf().layers.globalAveragePooling1d({ name: `${member}fcn_pool` }), x);
}

function apply(layer: TF.layers.Layer, x: SymbolicTensor): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}
