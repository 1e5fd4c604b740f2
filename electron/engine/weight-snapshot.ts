/** Copies of a model's weights, for restore-best-weights (tfjs's EarlyStopping has none) and estimates. */
import type * as TF from '@tensorflow/tfjs';
import { tf } from './backend';

/** Copies every weight of `model` (trainable and not, e.g. batch-norm statistics); dispose with `disposeSnapshot`. */
export function snapshotWeights(model: TF.LayersModel): TF.Tensor[] {
  const t = tf();
  return model.weights.map((w) => t.keep(w.read().clone()));
}

/** Writes a snapshot back into `model`; the snapshot stays valid until disposed. */
export function restoreWeights(model: TF.LayersModel, snapshot: TF.Tensor[]): void {
  model.setWeights(snapshot);
}

/** Frees a snapshot's tensors. */
export function disposeSnapshot(snapshot: TF.Tensor[] | null): void {
  if (snapshot) tf().dispose(snapshot);
}
