/** Throttling of training progress to about 8 updates a second, never dropping a change of phase or epoch. */
import type { TrainProgress } from '../../shared/model/training';

/** Minimum time between two progress updates of one run (tfjs-layers yields every 125 ms too). */
export const TRAIN_PROGRESS_INTERVAL_MS = 125;

/**
 * Returns a function that passes `send` at most one update per interval, except that the first
 * update of a new phase or epoch, a new validation loss (an epoch's end), every `done` and any
 * update sent with `force` always go through.
 */
export function throttleProgress(
  send: (p: TrainProgress) => void,
  intervalMs = TRAIN_PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): (p: TrainProgress, force?: boolean) => void {
  let last = -Infinity;
  let prev: TrainProgress | null = null;
  return (p, force = false) => {
    const t = now();
    const changed = !prev || p.phase !== prev.phase || p.epoch !== prev.epoch || p.valLoss !== prev.valLoss || p.phase === 'done';
    if (!force && !changed && t - last < intervalMs) return;
    last = t;
    prev = p;
    send(p);
  };
}
