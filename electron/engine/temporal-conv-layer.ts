/**
 * A Conv1D layer over time ('same' padding, optional dilation) built from ops every backend can
 * differentiate. tfjs's own conv1d cannot train on the wasm backend (tfjs-backend-wasm 4.22 has no
 * Conv2DBackpropFilter kernel) nor with dilation on any backend (tfjs has no dilated conv gradient), so
 * this layer gathers the kernel's taps as shifted slices (im2col) and multiplies once by the kernel:
 * [n, steps, channels] -> [n, steps, filters]. Its weights have Keras's Conv1D layout, kernel
 * [kernel, channels, filters] and bias [filters], so they match a reference conv1d. Its product uses
 * fastMatMul (a gradient without wasm's slow transposed products). Where the fused kernel runs (see
 * fused/fused-layers.ts), the convolution and its gradient are one kernel op instead.
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from './backend';
import { fastMatMul } from './fast-matmul';
import { fusedConv } from './fused/conv-op';
import { fusedKernel } from './fused/fused-layers';
import { glorot } from './initializers';

const t = tf();
type Tensor = TF.Tensor;
type LayerArgs = NonNullable<ConstructorParameters<typeof TF.layers.Layer>[0]>;
type Shape = (number | null)[];

/** Options of the layer (saved in model.json). */
export interface TemporalConvArgs extends LayerArgs {
  filters: number;
  kernelSize: number;
  dilation?: number;
  seed?: number;
}

/** Conv1D over time with 'same' padding: output step s sees input steps s - left + k * dilation. */
export class TemporalConv extends t.layers.Layer {
  static className = 'TemporalConv';
  readonly filters: number;
  readonly kernelSize: number;
  readonly dilation: number;
  readonly seed: number;
  private kernel: TF.LayerVariable | null = null;
  private bias: TF.LayerVariable | null = null;

  constructor(args: TemporalConvArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.dilation = args.dilation ?? 1;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = single(inputShape)[2];
    if (channels == null) throw new Error(`${this.name}: the channel count of its input must be known, got ${JSON.stringify(inputShape)}.`);
    this.kernel = this.addWeight('kernel', [this.kernelSize, channels, this.filters], 'float32', glorot(this.seed));
    this.bias = this.addWeight('bias', [this.filters], 'float32', t.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(inputShape);
    return [s[0], s[1], this.filters];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    if (!this.kernel || !this.bias) throw new Error(`${this.name}: the layer was called before it was built.`);
    const kernel = this.kernel.read();
    const bias = this.bias.read();
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as TF.Tensor3D;
    const rt = x.dtype === 'float32' ? fusedKernel() : null;
    if (rt) return t.tidy(() => fusedConv(rt, x, kernel, bias, this.dilation));
    return t.tidy(() => {
      const [n, steps, channels] = x.shape;
      const K = this.kernelSize;
      const span = this.dilation * (K - 1);
      const left = Math.floor(span / 2);
      const padded = span > 0 ? t.pad(x, [[0, 0], [left, span - left], [0, 0]]) : x;
      const taps = K === 1 ? padded : t.concat(Array.from({ length: K }, (_, k) => t.slice(padded, [0, k * this.dilation, 0], [n, steps, channels])), 2);
      const out = fastMatMul(t.reshape(taps, [n * steps, K * channels]), t.reshape(kernel, [K * channels, this.filters]));
      return t.reshape(t.add(out, bias), [n, steps, this.filters]);
    });
  }

  override getConfig(): TF.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, dilation: this.dilation, seed: this.seed };
  }
}
t.serialization.registerClass(TemporalConv);

function single(shape: Shape | Shape[]): Shape {
  return Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape);
}
