/**
 * Training progress as data: running loss, throughput, ETA and learning rate, sent at most every
 * 125 ms (as tfjs-layers' callbacks yield) plus once at the end of each epoch.
 */
import type { TrainProgress } from '../../shared/model/training';

const MIN_INTERVAL_MS = 125;

type Progress = Omit<TrainProgress, 'runId'>;

/** Collects batch timings and sends throttled progress. */
export interface ProgressReporter {
  /** Counts a finished batch and maybe reports. */
  batchDone(b: { epoch: number; batch: number; samples: number; seconds: number; loss: number; learningRate: number }): void;
  /** Records how long validation took, for the ETA. */
  validationDone(seconds: number): void;
  /** Reports the end of an epoch (always sent). */
  epochDone(e: { epoch: number; loss: number; valLoss: number | null; learningRate: number }): void;
  /** Training samples per second over all batches so far (0 before any). */
  samplesPerSecond(): number;
}

/** Creates the reporter for a run of `epochs` x `batches`. */
export function createProgressReporter(opts: { epochs: number; batches: number; validationSamples: number; onProgress?: (p: Progress) => void }): ProgressReporter {
  let samples = 0;
  let seconds = 0;
  let steps = 0;
  let validationSeconds: number | null = null;
  let lastValLoss: number | null = null;
  let lastSent = -Infinity;

  const samplesPerSecond = (): number => (seconds > 0 ? samples / seconds : 0);
  /** Seconds left: the rest of this epoch (with its validation unless done) and the remaining epochs. */
  const eta = (epoch: number, batch: number, validated: boolean): number | null => {
    if (steps === 0) return null;
    const perBatch = seconds / steps;
    // Before the first validation, assume inference runs about 3x faster than training.
    const validation = validationSeconds ?? (samplesPerSecond() > 0 ? opts.validationSamples / (3 * samplesPerSecond()) : 0);
    const rest = (opts.batches - batch) * perBatch + (validated ? 0 : validation);
    return rest + (opts.epochs - epoch) * (opts.batches * perBatch + validation);
  };
  type Fields = Omit<Progress, 'phase' | 'epochs' | 'batches' | 'samplesPerSecond' | 'etaSeconds'>;
  /** Sends an update; end-of-epoch updates (validated) always go out, batch updates at most every 125 ms. */
  const send = (p: Fields, validated: boolean): void => {
    if (!opts.onProgress) return;
    const now = Date.now();
    if (!validated && now - lastSent < MIN_INTERVAL_MS) return;
    lastSent = now;
    opts.onProgress({
      phase: 'training',
      epochs: opts.epochs,
      batches: opts.batches,
      samplesPerSecond: steps > 0 ? samplesPerSecond() : null,
      etaSeconds: eta(p.epoch, p.batch, validated),
      ...p,
    });
  };

  return {
    batchDone(b) {
      samples += b.samples;
      seconds += b.seconds;
      steps++;
      send({ epoch: b.epoch, batch: b.batch, loss: b.loss, valLoss: lastValLoss, learningRate: b.learningRate }, false);
    },
    validationDone(s) {
      validationSeconds = s;
    },
    epochDone(e) {
      lastValLoss = e.valLoss;
      const p = { epoch: e.epoch, batch: opts.batches, loss: e.loss, valLoss: e.valLoss, learningRate: e.learningRate };
      send(p, true);
    },
    samplesPerSecond,
  };
}
