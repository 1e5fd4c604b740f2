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
 * (at most MAX_NN_QUERIES windows, evenly spaced). `onProgress(share)` may throw to cancel.
 */
export function nearestNeighbourScores(ref: SequenceReference, batch: WindowBatch, classes: number, onProgress?: (share: number) => void): NearestNeighbourScore[] {
  const per = ref.length * ref.features;
  if (ref.n === 0 || batch.n === 0 || batch.x.length !== batch.n * per) return [];
  const pick = evenlySpaced(batch.n, MAX_NN_QUERIES);
  const qx = new Float32Array(pick.length * per);
  pick.forEach((i, k) => qx.set(batch.x.subarray(i * per, (i + 1) * per), k * per));
  const query: SequenceSet = { x: qx, n: pick.length, length: ref.length, features: ref.features };
  const train: SequenceSet = { x: ref.x, n: ref.n, length: ref.length, features: ref.features };
  const truth = pick.map((i) => argmaxOf(batch.y, i * classes, classes));
  const accuracy = (nn: Int32Array) => truth.filter((c, k) => ref.labels[nn[k]] === c).length / truth.length;
  const euclid = nearestNeighbours(train, query, undefined, (d) => onProgress?.((0.2 * d) / query.n));
  const radius = dtwRadius(ref.length);
  const dtw = nearestNeighbours(train, query, radius, (d) => onProgress?.(0.2 + (0.8 * d) / query.n));
  return [
    { metric: 'euclidean', accuracy: accuracy(euclid), windows: query.n, radius: null },
    { metric: 'dtw', accuracy: accuracy(dtw), windows: query.n, radius },
  ];
}
