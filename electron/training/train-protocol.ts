/**
 * What the training jobs carry over the job protocol (electron/jobs/worker-protocol.ts): the
 * request of a training or an estimate, and a training's progress payloads (every one carries the
 * run id). A run cancelled without keeping a model ends with a `cancelled` error.
 */
import type { BackendName, EpochRecord, ModelRef, SplitInfo, TrainProgress } from '../../shared/model/training';
import type { VariantConfig } from '../../shared/model/variant';

/** The request of a training (`start`) or of an estimate. */
export type TrainWorkerRequest =
  | {
      type: 'start';
      runId: string;
      /** The app's home folder: models are saved under `<home>/models`. */
      home: string;
      datasetId: number;
      config: VariantConfig;
      /** Model name in the registry. */
      name: string;
      preset: string | null;
    }
  | { type: 'estimate'; runId: string; datasetId: number; config: VariantConfig };

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

/** A training's progress payloads: progress, the split once the data is prepared, and each epoch. */
export type TrainWorkerMessage =
  | { type: 'progress'; runId: string; progress: TrainProgress }
  /** Sent once the data is windowed and split (the backend is known by then too). */
  | { type: 'prepared'; runId: string; split: SplitInfo; fingerprint: string; notes: string[]; backend: BackendName }
  | { type: 'epoch'; runId: string; record: EpochRecord };
