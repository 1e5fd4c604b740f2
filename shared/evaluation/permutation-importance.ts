/**
 * Permutation feature importance (Breiman; Fisher et al.): shuffle one input feature across the
 * windows, whole sequences at a time, and measure how much the error grows. Repeated with
 * different shuffles for a mean and an interval. Model-agnostic: the caller supplies the scoring
 * function. Pure TypeScript.
 */
import { createRng, shuffled } from '../random';
import type { FeatureImportance } from './analysis-types';

/** Two-sided 95% Student t quantiles by degrees of freedom (1..10); 1.96 beyond. */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/** Inputs to the permutation: n windows of window x features values, row-major. */
export interface PermutationInput {
  x: Float32Array;
  n: number;
  window: number;
  features: number;
  names: readonly string[];
}

/**
 * For each feature, `repeats` times: permutes feature j's sequences across windows (seeded) and
 * scores the permuted inputs with `loss` (lower is better). Importance is loss(permuted) -
 * loss(original); the interval is mean +- t(0.975, repeats-1) x std / sqrt(repeats).
 */
export async function permutationImportance(input: PermutationInput, loss: (x: Float32Array) => number | Promise<number>, repeats: number, seed: number, onFeature?: (done: number, total: number) => void): Promise<{ baseline: number; features: FeatureImportance[] }> {
  const { x, n, window: W, features: F } = input;
  const baseline = await loss(x);
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const out: FeatureImportance[] = [];
  const work = new Float32Array(x.length);
  for (let j = 0; j < F; j++) {
    const deltas: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const perm = shuffled(rng, order);
      work.set(x);
      for (let i = 0; i < n; i++) {
        const src = perm[i];
        for (let s = 0; s < W; s++) work[(i * W + s) * F + j] = x[(src * W + s) * F + j];
      }
      deltas.push((await loss(work)) - baseline);
    }
    out.push({ feature: input.names[j], ...meanInterval(deltas) });
    onFeature?.(j + 1, F);
  }
  out.sort((a, b) => b.mean - a.mean);
  return { baseline, features: out };
}

/** Mean, sample standard deviation and the 95% t-interval of the mean. */
export function meanInterval(values: readonly number[]): { mean: number; std: number; low: number; high: number } {
  const k = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / k;
  const std = k > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1)) : 0;
  const half = k > 1 ? (T95[k - 2] ?? 1.96) * (std / Math.sqrt(k)) : 0;
  return { mean, std, low: mean - half, high: mean + half };
}
