/**
 * tfjs-layers' LSTM/GRU cells keep their last dropout masks (4 tensors per cell, all ones outside
 * training) until the next call. Releasing them after a call keeps `tf.memory()` flat across
 * predictions and runs, which is how leaks are checked.
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from './backend';

type Cell = { dropoutMask?: TF.Tensor | TF.Tensor[] | null; recurrentDropoutMask?: TF.Tensor | TF.Tensor[] | null };
type MaybeRecurrent = { cell?: Cell; forwardLayer?: MaybeRecurrent; backwardLayer?: MaybeRecurrent };

/** Disposes the dropout masks cached in the model's recurrent cells (tfjs recreates them on the next call). */
export function releaseRecurrentMasks(model: TF.LayersModel): void {
  const t = tf();
  for (const layer of model.layers as unknown as MaybeRecurrent[]) {
    for (const rnn of [layer, layer.forwardLayer, layer.backwardLayer]) {
      const cell = rnn?.cell;
      if (!cell) continue;
      if (cell.dropoutMask) t.dispose(cell.dropoutMask);
      if (cell.recurrentDropoutMask) t.dispose(cell.recurrentDropoutMask);
      cell.dropoutMask = null;
      cell.recurrentDropoutMask = null;
    }
  }
}
