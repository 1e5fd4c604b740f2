import type { ImportOptions } from '../../shared/dataset';
import type { SerializedError } from '../../shared/errors';
import type { ImportProgress } from './import-runner';

/** Messages to the import worker. */
export type ImportWorkerRequest =
  | { type: 'start'; dbPath: string; file: string; options: ImportOptions }
  | { type: 'cancel' };

/** Messages from the import worker: progress, then exactly one result. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'result'; ok: true; datasetId: number }
  | { type: 'result'; ok: false; error: SerializedError };
