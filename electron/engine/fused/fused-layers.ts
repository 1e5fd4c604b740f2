/**
 * LSTM, GRU, Bidirectional, BatchNormalization and MaxPooling1D layers that run on the fused kernel
 * (or our own ops) when they can and are tfjs's own otherwise. They subclass tfjs's classes and register under the same class names, so model.json
 * and the weights are exactly tfjs's (saved models load in either direction, and on tfjs-node, the
 * native backend, the layers run tfjs's code unchanged).
 *
 * A call falls back to tfjs's code (same results, slower) when the backend is native TensorFlow, the
 * kernel is unavailable or turned off (LSTM_STUDIO_FUSED=0), the layer is stateful, returns its
 * state or gets an initial state, its activations are not tanh/sigmoid, it has no bias, its units
 * are not a multiple of 4, or it trains with recurrentDropout (kept on tfjs's path). Batch
 * normalization runs on the kernel in training only (its inference is one tfjs op already), over the
 * last axis with both gamma and beta. Max pooling over time runs as our op when its stride is its pool
 * size ('valid' padding). TemporalConv asks `fusedKernel` the same way.
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from '../backend';
import { fusedBatchNormTraining, maxPoolOverTime } from './conv-op';
import { fusedRecurrent, type FusedSpec } from './fused-op';
import { kernelRuntime, type KernelRuntime } from './kernel-runtime';

const t = tf();
type Tensor = TF.Tensor;
type Kwargs = { mask?: Tensor | Tensor[] | null; training?: boolean; initialState?: Tensor[] | null; [k: string]: unknown };
type LayerArgs = Record<string, unknown>;

/** What the fused path reads from a tfjs recurrent layer and its cell. */
interface RecurrentLike {
  stateful: boolean;
  returnState: boolean;
  returnSequences: boolean;
  goBackwards: boolean;
  cell: {
    units: number;
    dropout: number;
    recurrentDropout: number;
    useBias: boolean;
    activation: { getClassName(): string };
    recurrentActivation: { getClassName(): string };
    kernel: TF.LayerVariable;
    recurrentKernel: TF.LayerVariable;
    bias: TF.LayerVariable | null;
  };
}

type LayerClass = new (args: LayerArgs) => TF.layers.Layer;
const LstmBase = t.layers.lstm({ units: 4 }).constructor as LayerClass;
const GruBase = t.layers.gru({ units: 4 }).constructor as LayerClass;
const BidirectionalBase = t.layers.bidirectional({ layer: t.layers.lstm({ units: 4 }) as TF.RNN }).constructor as LayerClass;
const BatchNormBase = t.layers.batchNormalization({}).constructor as LayerClass;
const MaxPool1dBase = t.layers.maxPooling1d({}).constructor as LayerClass;

let enabled = process.env.LSTM_STUDIO_FUSED !== '0';

/** Turns the fused path on or off for this thread (off: tfjs's own layer code; for comparisons and tests). */
export function setFusedEnabled(on: boolean): void {
  enabled = on;
}

/** The kernel when the fused path is on and the backend is not native TensorFlow (whose own kernels are used there), else null. */
export function fusedKernel(): KernelRuntime | null {
  return enabled && t.getBackend() !== 'tensorflow' ? kernelRuntime() : null;
}

/** The kernel when `layer` can run on it in this call, else null. */
function fusable(layer: RecurrentLike, kwargs: Kwargs): KernelRuntime | null {
  const c = layer.cell;
  if (layer.stateful || layer.returnState || kwargs?.initialState) return null;
  if (c.activation.getClassName() !== 'tanh' || c.recurrentActivation.getClassName() !== 'sigmoid') return null;
  if (!c.useBias || !c.bias || c.units % 4 !== 0) return null;
  if (kwargs?.training && c.recurrentDropout > 0 && c.recurrentDropout < 1) return null;
  return fusedKernel();
}

/** tfjs's input dropout of a recurrent cell: one mask per sequence and feature, the same at every step. */
function dropInputs(x: Tensor, rate: number, training: boolean | undefined): Tensor {
  if (!training || !(rate > 0 && rate < 1)) return x;
  const [B, , I] = x.shape;
  return t.mul(x, t.dropout(t.ones([B, 1, I]), rate));
}

function maskOf(kwargs: Kwargs): Tensor | null {
  const m = kwargs?.mask;
  return (Array.isArray(m) ? m[0] : m) ?? null;
}

function single(inputs: Tensor | Tensor[]): Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

function weightsOf(layer: RecurrentLike): Tensor[] {
  const c = layer.cell;
  return [c.kernel.read(), c.recurrentKernel.read(), (c.bias as TF.LayerVariable).read()];
}

/** Runs one recurrent layer on the kernel, as tfjs's RNN.call would (goBackwards: processing order). */
function fusedCall(rt: KernelRuntime, layer: RecurrentLike, cell: FusedSpec['cell'], inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
  return t.tidy(() => {
    const x = dropInputs(single(inputs), layer.cell.dropout, kwargs?.training);
    const spec: FusedSpec = { cell, units: layer.cell.units, reverse: [layer.goBackwards], returnSequences: layer.returnSequences, processingOrder: layer.goBackwards };
    return fusedRecurrent(rt, spec, x, weightsOf(layer), maskOf(kwargs));
  });
}

/** tfjs's LSTM, on the fused kernel when possible. */
export class FusedLSTM extends LstmBase {
  static className = 'LSTM';
  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    const rt = fusable(this as unknown as RecurrentLike, kwargs);
    return rt ? fusedCall(rt, this as unknown as RecurrentLike, 'lstm', inputs, kwargs) : super.call(inputs, kwargs);
  }
}

/** tfjs's GRU, on the fused kernel when possible. */
export class FusedGRU extends GruBase {
  static className = 'GRU';
  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    const rt = fusable(this as unknown as RecurrentLike, kwargs);
    return rt ? fusedCall(rt, this as unknown as RecurrentLike, 'gru', inputs, kwargs) : super.call(inputs, kwargs);
  }
}

/**
 * tfjs's Bidirectional: with mergeMode concat and both directions fusable, one kernel call runs both
 * (in parallel threads). With input dropout in training (each direction drops its own inputs) each
 * direction runs its own fused call through tfjs's Bidirectional code.
 */
export class FusedBidirectional extends BidirectionalBase {
  static className = 'Bidirectional';
  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    const self = this as unknown as { forwardLayer: RecurrentLike; backwardLayer: RecurrentLike; mergeMode: string; returnState: boolean };
    const f = self.forwardLayer;
    const b = self.backwardLayer;
    const cell = f instanceof FusedLSTM && b instanceof FusedLSTM ? 'lstm' : f instanceof FusedGRU && b instanceof FusedGRU ? 'gru' : null;
    const dropping = kwargs?.training && (f.cell.dropout > 0 || b.cell.dropout > 0);
    const rt = cell && self.mergeMode === 'concat' && !self.returnState && !dropping ? fusable(f, kwargs) && fusable(b, kwargs) : null;
    if (!rt || !cell) return super.call(inputs, kwargs);
    return t.tidy(() => {
      const spec: FusedSpec = { cell, units: f.cell.units, reverse: [false, true], returnSequences: f.returnSequences, processingOrder: false };
      return fusedRecurrent(rt, spec, single(inputs), [...weightsOf(f), ...weightsOf(b)], maskOf(kwargs));
    });
  }
}

/** What the fused path reads from tfjs's BatchNormalization layer. */
interface BatchNormLike {
  axis: number | number[];
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: TF.LayerVariable;
  beta: TF.LayerVariable;
  movingMean: TF.LayerVariable;
  movingVariance: TF.LayerVariable;
}

/** tfjs's BatchNormalization, on the fused kernel in training (over the last axis, with gamma and beta). */
export class FusedBatchNormalization extends BatchNormBase {
  static className = 'BatchNormalization';
  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    const self = this as unknown as BatchNormLike;
    const x = single(inputs);
    const lastAxis = self.axis === -1 || self.axis === x.rank - 1;
    const rt = kwargs?.training && lastAxis && self.center && self.scale && x.dtype === 'float32' && x.rank >= 2 ? fusedKernel() : null;
    if (!rt) return super.call(inputs, kwargs);
    return t.tidy(() => {
      const { y, mean, variance } = fusedBatchNormTraining(rt, x, self.gamma.read(), self.beta.read(), self.epsilon);
      // The moving averages as tfjs updates them: v - (v - batch value) * (1 - momentum).
      for (const [v, value] of [[self.movingMean, mean], [self.movingVariance, variance]] as const) {
        const old = v.read();
        v.write(t.sub(old, t.mul(t.sub(old, value), 1 - self.momentum)));
      }
      return y;
    });
  }
}

/** tfjs's MaxPooling1D, as our op when the kernel path is on and windows do not overlap ('valid'). */
export class FusedMaxPooling1D extends MaxPool1dBase {
  static className = 'MaxPooling1D';
  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    const self = this as unknown as { poolSize: number[]; strides: number[]; padding: string };
    const x = single(inputs);
    const pool = self.poolSize[0];
    if (self.strides[0] !== pool || self.padding !== 'valid' || x.rank !== 3 || x.dtype !== 'float32' || !fusedKernel()) return super.call(inputs, kwargs);
    return t.tidy(() => maxPoolOverTime(x, pool));
  }
}

let registered = false;

/** Registers the fused classes under tfjs's names, so loaded and deserialised models use them. */
export function registerFusedLayers(): void {
  if (registered) return;
  registered = true;
  for (const cls of [FusedLSTM, FusedGRU, FusedBidirectional, FusedBatchNormalization, FusedMaxPooling1D]) {
    t.serialization.registerClass(cls as unknown as Parameters<typeof t.serialization.registerClass>[0]);
  }
}
registerFusedLayers();
