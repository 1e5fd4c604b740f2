/**
 * The training sequences the 1-nearest-neighbour baselines compare with, kept with the model so
 * other data can be classified against them too, and the baselines' accuracy on a batch. Pure.
 */
import type { WindowBatch } from '../training/prepared';
import { argmaxOf, evenlySpaced } from './baselines';
import { dtwRadius, nearestNeighbours, type SequenceSet } from './nearest-neighbour';

/** Training sequences (the model's scaled input windows) and their classes, stored as metadata.reference.sequences. */
export interface SequenceReference {
  n: number;
  length: number;
  features: number;
  /** n x length x features, row-major. */
  x: number[];
  labels: number[];
  /** Training windows there were (the reference is an evenly spaced subset when more). */
  of: number;
}

/** At most this many values (sequences x steps x features) are kept with a model. */
export const MAX_REFERENCE_VALUES = 500_000;
/** At most this many windows are classified by the 1-NN baselines (an evenly spaced subset beyond). */
export const MAX_NN_QUERIES = 2_000;
/** DTW cells (query x reference x steps x band) the DTW baseline may fill at worst, about 10 s here. */
export const DTW_CELL_BUDGET = 3e9;

/** The reference of a classification batch (one-hot y over `classes`), evenly subsampled to the value budget. */
export function sequenceReference(batch: WindowBatch, window: number, features: number, classes: number): SequenceReference {
  const per = window * features;
  const keep = evenlySpaced(batch.n, Math.max(1, Math.floor(MAX_REFERENCE_VALUES / Math.max(1, per))));
  const x = new Array<number>(keep.length * per);
  keep.forEach((i, k) => {
    // Seven significant digits (float32's precision) keep metadata.json small.
    for (let v = 0; v < per; v++) x[k * per + v] = Number(batch.x[i * per + v].toPrecision(7));
  });
  return { n: keep.length, length: window, features, x, labels: keep.map((i) => argmaxOf(batch.y, i * classes, classes)), of: batch.n };
}

/** One 1-NN baseline's result: its accuracy and on how many windows it was measured. */
export interface NearestNeighbourScore {
  metric: 'euclidean' | 'dtw';
  accuracy: number;
  windows: number;
  radius: number | null;
}

/**
 * Accuracy of 1-NN with Euclidean distance and with DTW (band of 10% of the length) on a batch
 * (at most MAX_NN_QUERIES windows, evenly spaced; DTW on fewer when the reference is so large that
 * its unpruned cost would pass DTW_CELL_BUDGET). `onProgress(share)` may throw to cancel.
 */
export function nearestNeighbourScores(ref: SequenceReference, batch: WindowBatch, classes: number, onProgress?: (share: number) => void, budget = DTW_CELL_BUDGET): NearestNeighbourScore[] {
  const per = ref.length * ref.features;
  if (ref.n === 0 || batch.n === 0 || batch.x.length !== batch.n * per) return [];
  const query = (count: number) => {
    const pick = evenlySpaced(batch.n, count);
    const qx = new Float32Array(pick.length * per);
    pick.forEach((i, k) => qx.set(batch.x.subarray(i * per, (i + 1) * per), k * per));
    return { set: { x: qx, n: pick.length, length: ref.length, features: ref.features } as SequenceSet, truth: pick.map((i) => argmaxOf(batch.y, i * classes, classes)) };
  };
  const train: SequenceSet = { x: ref.x, n: ref.n, length: ref.length, features: ref.features };
  const accuracy = (q: ReturnType<typeof query>, nn: Int32Array) => q.truth.filter((c, k) => ref.labels[nn[k]] === c).length / q.truth.length;
  const radius = dtwRadius(ref.length);
  const euclidean = query(MAX_NN_QUERIES);
  // DTW's worst case (nothing pruned) stays within the budget: fewer windows when the reference is large.
  const perQuery = ref.n * per * (2 * radius + 1);
  const warped = query(Math.max(1, Math.min(MAX_NN_QUERIES, Math.floor(budget / perQuery))));
  const byEuclid = nearestNeighbours(train, euclidean.set, undefined, (d) => onProgress?.((0.2 * d) / euclidean.set.n));
  const byDtw = nearestNeighbours(train, warped.set, radius, (d) => onProgress?.(0.2 + (0.8 * d) / warped.set.n));
  return [
    { metric: 'euclidean', accuracy: accuracy(euclidean, byEuclid), windows: euclidean.set.n, radius: null },
    { metric: 'dtw', accuracy: accuracy(warped, byDtw), windows: warped.set.n, radius },
  ];
}
