/**
 * The live loss history of a run, folded from its progress updates: one point per finished epoch
 * (loss and validation loss) and the running batch loss. When the run ends the recorded history
 * (`RunDetail.history`) replaces what was folded.
 */
import type { EpochRecord, TrainProgress } from '../../../shared/model/training';

/** One finished epoch as seen live. */
export interface LiveEpoch {
  epoch: number;
  loss: number | null;
  valLoss: number | null;
}

/** What the live chart and the progress panel show. */
export interface LiveHistory {
  epochs: LiveEpoch[];
  /** Running loss during training; x is in epochs (2.5 = half-way through the third epoch). */
  batchX: number[];
  batchY: number[];
  /** The latest update. */
  last: TrainProgress | null;
}

/** At most this many batch-loss points are kept; beyond it every other point is dropped. */
const MAX_BATCH_POINTS = 1200;

/** A history with nothing in it yet. */
export function emptyHistory(): LiveHistory {
  return { epochs: [], batchX: [], batchY: [], last: null };
}

/** Progress through the whole run, 0..1, or null before training starts. */
export function runFraction(p: TrainProgress | null): number | null {
  if (!p || p.epochs <= 0) return null;
  if (p.phase === 'saving' || p.phase === 'done') return 1;
  if (p.phase !== 'training') return null;
  return Math.min(1, Math.max(0, (p.epoch - 1 + (p.batches > 0 ? p.batch / p.batches : 0)) / p.epochs));
}

/** Replaces or appends the record of one epoch. */
function upsert(epochs: LiveEpoch[], rec: LiveEpoch): LiveEpoch[] {
  const i = epochs.findIndex((e) => e.epoch === rec.epoch);
  if (i < 0) return [...epochs, rec].sort((a, b) => a.epoch - b.epoch);
  const out = epochs.slice();
  out[i] = rec;
  return out;
}

/**
 * Folds one update into the history. Epochs are numbered from 1 while training. An epoch is complete
 * when an update shows its last batch with a new validation loss, when a later epoch starts, or when
 * the run moves on to saving.
 */
export function applyProgress(h: LiveHistory, p: TrainProgress): LiveHistory {
  const prev = h.last;
  let epochs = h.epochs;
  let batchX = h.batchX;
  let batchY = h.batchY;
  if (p.phase === 'training' && p.loss !== null && p.batches > 0 && p.batch > 0) {
    const x = p.epoch - 1 + p.batch / p.batches;
    if (batchX.length === 0 || x > batchX[batchX.length - 1]) {
      batchX = [...batchX, x];
      batchY = [...batchY, p.loss];
      if (batchX.length > MAX_BATCH_POINTS) {
        batchX = batchX.filter((_, i) => i % 2 === 0);
        batchY = batchY.filter((_, i) => i % 2 === 0);
      }
    }
  }
  if (prev && prev.phase === 'training') {
    const movedOn = p.phase !== 'training' || p.epoch > prev.epoch;
    if (movedOn) epochs = upsert(epochs, { epoch: prev.epoch, loss: p.phase === 'training' ? prev.loss : (p.loss ?? prev.loss), valLoss: p.valLoss });
  }
  if (p.phase === 'training' && p.batches > 0 && p.batch >= p.batches && p.valLoss !== null && p.valLoss !== prev?.valLoss) {
    epochs = upsert(epochs, { epoch: p.epoch, loss: p.loss, valLoss: p.valLoss });
  }
  return { epochs, batchX, batchY, last: p };
}

/** The recorded history of a finished run, in the live shape (the batch loss is kept). */
export function fromRecords(h: LiveHistory, records: EpochRecord[]): LiveHistory {
  if (records.length === 0) return h;
  return { ...h, epochs: records.map((r) => ({ epoch: r.epoch, loss: r.loss, valLoss: r.valLoss })) };
}
