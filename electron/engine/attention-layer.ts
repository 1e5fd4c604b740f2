/**
 * Attention pooling over time: score_t = v . tanh(W h_t + b), weights = softmax over the (unmasked)
 * steps, output = sum_t w_t h_t. A serialisable custom layer, so saved models load back, and a
 * weights view that exposes the per-step weights for explanations.
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from './backend';
import { glorot } from './initializers';

const t = tf();
type Tensor = TF.Tensor;
type Kwargs = { mask?: Tensor | Tensor[] | null; [k: string]: unknown };
type LayerArgs = NonNullable<ConstructorParameters<typeof TF.layers.Layer>[0]>;
type LayerVariable = TF.LayerVariable;
type Shape = (number | null)[];

/** Large negative score for masked steps: softmax sends their weight to zero. */
const MASKED_SCORE = -1e9;
/** tfjs-layers means "no mask" by null, though its typings do not say so. */
const NO_MASK = null as unknown as Tensor;

/** Options of the attention layer (saved in model.json). */
export interface AttentionArgs extends LayerArgs {
  /** Size of the scoring projection W (default: the input's feature size). */
  units?: number;
  seed?: number;
}

/** Attention pooling layer: [n, window, d] (with an optional step mask) -> [n, d]. */
export class AttentionPooling extends t.layers.Layer {
  static className = 'AttentionPooling';
  readonly units: number | null;
  readonly seed: number;
  private kernel: LayerVariable | null = null;
  private bias: LayerVariable | null = null;
  private context: LayerVariable | null = null;

  constructor(args: AttentionArgs = {}) {
    super(args);
    this.units = args.units ?? null;
    this.seed = args.seed ?? 0;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const d = single(inputShape)[2];
    if (d == null) throw new Error(`${this.name}: the feature size of its input must be known, got ${JSON.stringify(inputShape)}.`);
    const units = this.units ?? d;
    this.kernel = this.addWeight('kernel', [d, units], 'float32', glorot(this.seed));
    this.bias = this.addWeight('bias', [units], 'float32', t.initializers.zeros());
    this.context = this.addWeight('context', [units, 1], 'float32', glorot(this.seed + 1));
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(inputShape);
    return [s[0], s[2]];
  }

  override computeMask(): Tensor {
    return NO_MASK; // the time axis is pooled away
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return t.tidy(() => {
      const h = Array.isArray(inputs) ? inputs[0] : inputs;
      const weights = this.stepWeights(h, maskOf(kwargs));
      return t.sum(t.mul(h, t.expandDims(weights, 2)), 1);
    });
  }

  /** The softmax weights over time steps, [n, window]; masked steps get 0. */
  stepWeights(h: Tensor, mask: Tensor | null): Tensor {
    if (!this.kernel || !this.bias || !this.context) throw new Error(`${this.name}: call the layer on an input before asking for its weights.`);
    const kernel = this.kernel.read();
    const bias = this.bias.read();
    const context = this.context.read();
    return t.tidy(() => {
      const [n, steps, d] = h.shape as [number, number, number];
      const projected = t.tanh(t.add(t.matMul(t.reshape(h, [n * steps, d]), kernel), bias));
      let scores = t.reshape(t.matMul(projected, context), [n, steps]);
      if (mask) scores = t.where(t.cast(mask, 'bool'), scores, t.fill([n, steps], MASKED_SCORE));
      return t.softmax(scores, -1);
    });
  }

  override getConfig(): TF.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}
t.serialization.registerClass(AttentionPooling);

/** A view of an AttentionPooling layer that outputs its step weights instead of the pooled vector. */
class AttentionWeightsView extends t.layers.Layer {
  static className = 'AttentionWeightsView';
  constructor(private readonly source: AttentionPooling) {
    super({ name: `${source.name}_weights`, trainable: false });
    this.supportsMasking = true;
  }
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(inputShape);
    return [s[0], s[1]];
  }
  override computeMask(): Tensor {
    return NO_MASK;
  }
  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return this.source.stepWeights(Array.isArray(inputs) ? inputs[0] : inputs, maskOf(kwargs));
  }
}

/**
 * A model with the same input that outputs the attention weights [n, window] of `model`, for
 * explanations. It shares the model's layers and weights (it follows further training); it is not
 * meant to be saved. Throws when the model has no attention layer.
 */
export function attentionWeightsModel(model: TF.LayersModel): TF.LayersModel {
  const layer = model.layers.find((l): l is AttentionPooling => l instanceof AttentionPooling);
  if (!layer) throw new Error(`Model ${model.name} has no attention layer: enable attention in the variant to get per-step weights.`);
  const input = layer.getInputAt(0) as TF.SymbolicTensor;
  const output = new AttentionWeightsView(layer).apply(input) as TF.SymbolicTensor;
  return t.model({ inputs: model.inputs, outputs: output, name: `${model.name}_attention` });
}

function single(shape: Shape | Shape[]): Shape {
  return Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape);
}

function maskOf(kwargs: Kwargs | undefined): Tensor | null {
  const m = kwargs?.mask;
  return (Array.isArray(m) ? m[0] : m) ?? null;
}
