/**
 * The fused kernel's convolution and training batch normalization as TensorFlow.js ops with their
 * own gradients (tf.customGrad): one op each instead of tfjs-wasm's pads, slices, concatenations,
 * tiles and reductions. Each forward keeps its inputs (as plain arrays) for its gradient.
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from '../backend';
import { batchNormBackward, batchNormForward, convBackward, convForward, type ConvShape } from './conv-kernel';
import type { KernelRuntime } from './kernel-runtime';

let calls = 0;

/** How many convolution, batch-norm and pooling calls ran on the kernel path in this thread (to check which path runs). */
export function fusedConvCallCount(): number {
  return calls;
}

/** x [B, T, C] convolved ('same' padding) with kernel [K, C, F] taps `dilation` steps apart, plus bias [F]: [B, T, F]. */
export function fusedConv(rt: KernelRuntime, x: TF.Tensor, kernel: TF.Tensor, bias: TF.Tensor, dilation: number): TF.Tensor {
  const t = tf();
  calls++;
  const [B, T, C] = x.shape as [number, number, number];
  const [K, , F] = kernel.shape as [number, number, number];
  const s: ConvShape = { B, T, C, F, K, dilation };
  const op = t.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const [xs, w, b] = args as TF.Tensor[];
    const xv = xs.dataSync() as Float32Array;
    const wv = w.dataSync() as Float32Array;
    return {
      value: t.tensor(convForward(rt, s, xv, wv, b.dataSync() as Float32Array), [B, T, F]),
      gradFunc: (dy: TF.Tensor) => {
        const g = convBackward(rt, s, xv, wv, dy.dataSync() as Float32Array);
        return [t.tensor(g.dx, [B, T, C]), t.tensor(g.dW, [K, C, F]), t.tensor(g.db, [F])];
      },
    };
  });
  return op(x, kernel, bias);
}

/**
 * Batch normalization in training over the last axis of x (statistics over every other axis):
 * the normalized output (differentiable in x, gamma and beta) and the batch's mean and biased
 * variance [F] (constants, for the moving averages).
 */
export function fusedBatchNormTraining(rt: KernelRuntime, x: TF.Tensor, gamma: TF.Tensor, beta: TF.Tensor, epsilon: number): { y: TF.Tensor; mean: TF.Tensor; variance: TF.Tensor } {
  const t = tf();
  calls++;
  const F = x.shape[x.rank - 1];
  const N = x.size / F;
  let stats: { mean: Float32Array; variance: Float32Array } | null = null;
  const op = t.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const [xs, g, b] = args as TF.Tensor[];
    const xv = xs.dataSync() as Float32Array;
    const gv = g.dataSync() as Float32Array;
    const r = batchNormForward(rt, N, F, xv, gv, b.dataSync() as Float32Array, epsilon);
    stats = { mean: r.mean, variance: r.variance };
    const saved = { x: xv, gamma: gv, mean: r.mean, variance: r.variance, epsilon };
    return {
      value: t.tensor(r.out, xs.shape),
      gradFunc: (dy: TF.Tensor) => {
        const d = batchNormBackward(rt, N, F, saved, dy.dataSync() as Float32Array);
        return [t.tensor(d.dx, x.shape), t.tensor(d.dgamma, [F]), t.tensor(d.dbeta, [F])];
      },
    };
  });
  const y = op(x, gamma, beta);
  const s = stats as unknown as { mean: Float32Array; variance: Float32Array };
  return { y, mean: t.tensor(s.mean, [F]), variance: t.tensor(s.variance, [F]) };
}

/**
 * Max pooling over time by `pool` steps with stride `pool` ('valid': trailing steps that fill no
 * window are dropped), x [B, T, F] -> [B, floor(T / pool), F], on plain arrays: its gradient goes to
 * the first maximum of each window (as tfjs's), where tfjs-wasm's MaxPoolGrad took most of a
 * CNN-LSTM step's pooling time.
 */
export function maxPoolOverTime(x: TF.Tensor, pool: number): TF.Tensor {
  const t = tf();
  calls++;
  const [B, T, F] = x.shape as [number, number, number];
  const S = Math.floor(T / pool);
  const op = t.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const xv = (args[0] as TF.Tensor).dataSync() as Float32Array;
    const out = new Float32Array(B * S * F);
    const from = new Int32Array(B * S * F);
    for (let b = 0; b < B; b++) {
      for (let s = 0; s < S; s++) {
        const o = (b * S + s) * F;
        const first = (b * T + s * pool) * F;
        for (let f = 0; f < F; f++) {
          let best = first + f;
          for (let k = 1; k < pool; k++) if (xv[first + k * F + f] > xv[best]) best = first + k * F + f;
          out[o + f] = xv[best];
          from[o + f] = best;
        }
      }
    }
    return {
      value: t.tensor(out, [B, S, F]),
      gradFunc: (dy: TF.Tensor) => {
        const g = dy.dataSync() as Float32Array;
        const dx = new Float32Array(B * T * F);
        for (let i = 0; i < from.length; i++) dx[from[i]] += g[i];
        return [t.tensor(dx, [B, T, F])];
      },
    };
  });
  return op(x);
}
