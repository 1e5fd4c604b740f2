/** Builds a column's training reference in one pass: summary statistics and a seeded uniform sample. */
import { createRng, type Rng } from '../random';
import { RunningStats } from '../stats/running-stats';
import { binShares, quantileSorted } from './statistics';
import type { FeatureReference } from './types';

/** Values kept per column: enough for a KS test against small new samples, small enough to store. */
export const REFERENCE_SAMPLE_SIZE = 2000;

/** Collects one column's values (reservoir sampling, Algorithm R) and summarises them. */
export class ReferenceBuilder {
  private readonly stats = new RunningStats();
  private readonly reservoir: number[] = [];
  private seen = 0;
  private readonly rng: Rng;

  constructor(private readonly name: string, seed = 1, private readonly size = REFERENCE_SAMPLE_SIZE) {
    this.rng = createRng(seed);
  }

  /** Adds one value; NaN counts as missing. */
  push(v: number): void {
    this.stats.push(v);
    if (!Number.isFinite(v)) return;
    this.seen++;
    if (this.reservoir.length < this.size) this.reservoir.push(v);
    else {
      const k = Math.floor(this.rng() * this.seen);
      if (k < this.size) this.reservoir[k] = v;
    }
  }

  /** The reference: statistics, the sorted sample, and decile bins of the sample. */
  finish(): FeatureReference {
    const s = this.stats;
    const sample = this.reservoir.slice().sort((a, b) => a - b);
    const edges = decileEdges(sample);
    return {
      name: this.name,
      count: s.count,
      missing: s.missing,
      min: s.min ?? NaN,
      max: s.max ?? NaN,
      mean: s.mean ?? NaN,
      std: s.std ?? 0,
      sample,
      edges,
      shares: binShares(sample, edges),
    };
  }
}

/** The distinct inner decile edges of a sorted sample (fewer when values repeat). */
export function decileEdges(sorted: readonly number[]): number[] {
  const edges: number[] = [];
  for (let k = 1; k < 10; k++) {
    const e = quantileSorted(sorted, k / 10);
    if (Number.isFinite(e) && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  return edges;
}
