/** The training operations of the API contract: engine facts, presets, estimates, runs and the model registry. */
import type { Handlers } from '../../shared/api';
import type { EngineInfo } from '../../shared/model/training';
import type { AppContext } from '../app/context';
import { initEngine } from '../engine/backend';
import { listModels } from '../store/models-repo';
import { getRun, listRuns } from '../store/runs-repo';
import { loadPresets } from './presets';
import { TrainingRuns } from './training-runs';

type TrainingOps = 'engine:info' | 'presets:list' | 'training:estimate' | 'training:start' | 'runs:list' | 'runs:get' | 'models:list';

/** Implements the training operations for one app context (training itself runs in worker threads). */
export function createTrainingHandlers(ctx: AppContext): Pick<Handlers, TrainingOps> {
  const runs = new TrainingRuns(ctx);
  return {
    // Started lazily in this process, only to report the backend; training runs in workers.
    'engine:info': (): Promise<EngineInfo> => initEngine(),
    'presets:list': async () => loadPresets(),
    'training:estimate': ({ datasetId, config, preset }) => runs.estimate(datasetId, config, preset),
    'training:start': (req) => runs.start(req),
    'runs:list': async (req) => listRuns(ctx.db, req?.datasetId ?? undefined),
    'runs:get': async ({ id }) => getRun(ctx.db, id),
    'models:list': async () => listModels(ctx.db),
  };
}
