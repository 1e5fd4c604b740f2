/**
 * The typed protocol between the main process and a training worker thread. Every message carries
 * the run id; errors cross as data (SerializedError), and a worker sends exactly one `result`.
 */
import type { SerializedError } from '../../shared/errors';
import type { BackendName, EpochRecord, ModelRef, SplitInfo, TrainProgress, TrainingEstimate } from '../../shared/model/training';
import type { VariantConfig } from '../../shared/model/variant';

/** Messages to the worker: one `start` or `estimate`, then possibly a `cancel`. */
export type TrainWorkerRequest =
  | {
      type: 'start';
      runId: string;
      dbPath: string;
      /** The app's home folder: models are saved under `<home>/models`. */
      home: string;
      datasetId: number;
      config: VariantConfig;
      /** Model name in the registry. */
      name: string;
      preset: string | null;
    }
  | { type: 'estimate'; runId: string; dbPath: string; datasetId: number; config: VariantConfig }
  /** Stop within a batch; with keepBest the best weights so far are still evaluated and saved. */
  | { type: 'cancel'; runId: string; keepBest: boolean };

/** What a finished run hands back. */
export interface TrainOutcome {
  /** `cancelled` runs return here only when their best model was kept. */
  status: 'completed' | 'cancelled';
  backend: BackendName;
  history: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  samplesPerSecond: number;
  /** Validation metrics of the saved model, in the targets' original units. */
  metrics: Record<string, number>;
  model: ModelRef;
  parameters: number;
}

/** Messages from the worker: progress, the split once the data is prepared, each epoch, then one result. */
export type TrainWorkerMessage =
  | { type: 'progress'; runId: string; progress: TrainProgress }
  /** Sent once the data is windowed and split (the backend is known by then too). */
  | { type: 'prepared'; runId: string; split: SplitInfo; fingerprint: string; notes: string[]; backend: BackendName }
  | { type: 'epoch'; runId: string; record: EpochRecord }
  | { type: 'result'; runId: string; ok: true; kind: 'train'; outcome: TrainOutcome }
  | { type: 'result'; runId: string; ok: true; kind: 'estimate'; estimate: TrainingEstimate }
  /** A run cancelled without keeping a model (or before any epoch ended) ends with a `cancelled` error. */
  | { type: 'result'; runId: string; ok: false; error: SerializedError };
