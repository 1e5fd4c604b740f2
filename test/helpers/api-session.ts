/** The back end in-process on a temp home, as the desktop app and browser mode call it, for API tests. */
import { randomUUID } from 'node:crypto';
import { buildApi, type StudioApi } from '../../shared/api';
import type { ImportOptions } from '../../shared/dataset';
import type { TrainResult } from '../../shared/model/training';
import type { PartialVariant } from '../../shared/model/variant';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessTransport } from '../../electron/api/in-process-transport';
import { openAppContext, type AppContext } from '../../electron/app/context';
import { tempDir } from './fixtures';

/** An open back end: its context and the typed API over its handlers. */
export interface ApiSession {
  ctx: AppContext;
  api: StudioApi;
  /** Imports a file; returns the dataset id. */
  importFile(file: string, options?: ImportOptions): Promise<number>;
  /** Trains a model through the API (in a worker); returns the result. */
  train(datasetId: number, config: PartialVariant, name: string): Promise<TrainResult>;
  close(): Promise<void>;
}

/** Opens the back end on a fresh temp home. */
export function openApiSession(prefix = 'lstm-api-'): ApiSession {
  const ctx = openAppContext({ home: tempDir(prefix), mode: 'cli' });
  const api = buildApi(inProcessTransport(createHandlers(ctx), ctx.events));
  return {
    ctx,
    api,
    importFile: async (file, options) => (await api.datasets.import({ jobId: `import-${randomUUID()}`, path: file, options })).summary.id,
    train: (datasetId, config, name) => api.training.start({ runId: `run-${randomUUID()}`, datasetId, config, name }),
    close: () => ctx.close(),
  };
}
