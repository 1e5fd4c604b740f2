/**
 * The fused recurrent kernel as a TensorFlow.js op with its own gradient (tf.customGrad): one op per
 * layer call instead of dozens of small ops per time step. Its inputs are the layer's input and
 * weights (so tfjs's tape reaches the variables); the mask is read as data (it has no gradient).
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from '../backend';
import { gateCount, recurrentBackward, recurrentForward, releaseSaved, type CellKind, type SavedCall } from './recurrent-kernel';
import type { KernelRuntime } from './kernel-runtime';

/** How the layer call runs. */
export interface FusedSpec {
  cell: CellKind;
  units: number;
  /** One entry per direction: true = processes time backwards. */
  reverse: boolean[];
  returnSequences: boolean;
  /** A returned sequence in processing order (a lone goBackwards layer, as tfjs's rnn returns it). */
  processingOrder: boolean;
}

let calls = 0;

/** How many layer calls ran on the fused kernel in this thread (to check which path runs). */
export function fusedCallCount(): number {
  return calls;
}

/** Frees the saved state of a training forward pass whose backward pass never ran. */
const orphans = new FinalizationRegistry<{ rt: KernelRuntime; saved: SavedCall }>(({ rt, saved }) => releaseSaved(rt.mem, saved));

/**
 * Runs the layer: x [B, T, I], weights [W, U, bias] per direction, mask [B, T] (any dtype, nonzero =
 * keep) or null. Returns [B, T, D*H] or [B, D*H]. Keeps state for a gradient only when tfjs is recording.
 */
export function fusedRecurrent(rt: KernelRuntime, spec: FusedSpec, x: TF.Tensor, weights: TF.Tensor[], mask: TF.Tensor | null): TF.Tensor {
  const t = tf();
  calls++;
  const [B, T, I] = x.shape as [number, number, number];
  const H = spec.units;
  const G = gateCount(spec.cell) * H;
  const maskValues = mask ? Float32Array.from(mask.dataSync() as ArrayLike<number>, (v) => (v ? 1 : 0)) : null;
  const save = (t.engine() as unknown as { isTapeOn(): boolean }).isTapeOn();
  const outShape = spec.returnSequences ? [B, T, spec.reverse.length * H] : [B, spec.reverse.length * H];
  const op = t.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const [xs, ...ws] = args.slice(0, 1 + weights.length) as TF.Tensor[];
    const { out, saved } = recurrentForward(rt, {
      cell: spec.cell,
      B,
      T,
      I,
      H,
      x: xs.dataSync() as Float32Array,
      mask: maskValues,
      dirs: spec.reverse.map((reverse, d) => ({
        W: ws[3 * d].dataSync() as Float32Array,
        U: ws[3 * d + 1].dataSync() as Float32Array,
        bias: ws[3 * d + 2].dataSync() as Float32Array,
        reverse,
      })),
      returnSequences: spec.returnSequences,
      processingOrder: spec.processingOrder,
      save,
    });
    const token = {};
    if (saved) orphans.register(token, { rt, saved }, token);
    return {
      value: t.tensor(out, outShape),
      gradFunc: (dy: TF.Tensor) => {
        if (!saved) throw new Error('fused kernel: a gradient was asked of a call made while tfjs was not recording; this is a bug in LSTM Studio.');
        orphans.unregister(token);
        const g = recurrentBackward(rt, saved, dy.dataSync() as Float32Array);
        return [
          t.tensor(g.dx, [B, T, I]),
          ...g.dirs.flatMap((d) => [t.tensor(d.dW, [I, G]), t.tensor(d.dU, [H, G]), t.tensor(d.db, [G])]),
        ];
      },
    };
  });
  return op(x, ...weights);
}
