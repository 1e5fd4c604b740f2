/**
 * Training runs of one app context: each is a job of the registry with the run id as its job id,
 * run in a worker (electron/jobs), recorded in the database as it goes (started, split, each epoch,
 * how it ended), its progress sent as `job:progress` with the training's detail, and stopped with
 * `jobs:cancel` (keepBest keeps the best model so far).
 */
import { randomUUID } from 'node:crypto';
import { CancelledError, UserError } from '../../shared/errors';
import type { BackendName, EpochRecord, TrainProgress, TrainRequest, TrainResult, TrainingEstimate } from '../../shared/model/training';
import type { PartialVariant, VariantConfig } from '../../shared/model/variant';
import { resolveColumns } from '../../shared/training/resolve-columns';
import type { AppContext } from '../app/context';
import type { ProgressUpdate } from '../app/job-registry';
import { runWorkerJob } from '../jobs/worker-job';
import { getDatasetDetail } from '../store/dataset-repo';
import { checkModelName } from '../store/models-repo';
import { failOrphanedRuns, getRun, runExists } from '../store/runs-repo';
import { loadPresets } from './presets';
import { resolveTrainConfig } from './resolve-config';
import { RunRecorder, tryWrite } from './run-recorder';

/** Starts and follows the training runs of one app context. */
export class TrainingRuns {
  /** Run ids taken by a start that has not ended (checked synchronously, so two starts cannot share one). */
  private readonly taken = new Set<string>();

  constructor(private readonly ctx: AppContext) {
    // Runs left `running` by an app that crashed or was killed can never finish: mark them failed
    // (later, at the next start, if the database is busy now).
    try {
      tryWrite(ctx.db, () => failOrphanedRuns(ctx.db, (pid) => pid === process.pid || processAlive(pid)));
    } catch (err) {
      console.error(`Could not check for interrupted training runs: ${(err as Error).message}`);
    }
  }

  /** Resolves a request's config (defaults <- preset <- request) or throws a UserError naming the fields. */
  resolveConfig(config: PartialVariant | undefined, preset: string | undefined | null): VariantConfig {
    return resolveTrainConfig(loadPresets(), preset, config);
  }

  /**
   * Trains a model and resolves when the run ends: completed, or cancelled with its best model kept.
   * Rejects with a CancelledError when cancelled without a model, with the error otherwise; the run
   * is recorded either way.
   */
  async start(req: TrainRequest): Promise<TrainResult> {
    const runId = checkRunId(req.runId);
    if (this.taken.has(runId) || runExists(this.ctx.db, runId)) throw new UserError(`A training run with id ${runId} exists already: start each run with a new id.`);
    this.taken.add(runId);
    try {
      return await this.train(runId, req);
    } finally {
      this.taken.delete(runId);
    }
  }

  private async train(runId: string, req: TrainRequest): Promise<TrainResult> {
    const { ctx } = this;
    const detail = getDatasetDetail(ctx.db, req.datasetId);
    const dataset = detail.summary;
    const config = this.resolveConfig(req.config, req.preset);
    resolveColumns(detail, config); // unknown columns fail here, before a run is recorded
    const name = checkModelName(req.name ?? `${dataset.name}-${config.task}`);
    const preset = req.preset ?? null;
    const started = Date.now();
    const recorder = new RunRecorder(ctx.db, runId);
    await recorder.start({
      id: runId,
      datasetId: dataset.id,
      datasetName: dataset.name,
      task: config.task,
      preset,
      config,
      fingerprint: dataset.fingerprint,
      startedAt: new Date(started).toISOString(),
    });

    const history: EpochRecord[] = [];
    let backend: BackendName | null = null;
    return ctx.jobs.run(runId, 'train', async (job) => {
      let latest: TrainProgress = idleProgress(runId, config.training.epochs);
      // The worker throttles (keeping every change of phase or epoch): what arrives goes through.
      const report = (p: TrainProgress) => job.progress(jobProgress((latest = p)), true);
      report(latest);
      try {
        const outcome = await runWorkerJob(ctx, 'training:start', { type: 'start', runId, home: ctx.home, datasetId: dataset.id, config, name, preset }, job, (m) => {
          if (m.type === 'progress') report(m.progress);
          else if (m.type === 'prepared') {
            backend = m.backend;
            recorder.split(m.split, m.fingerprint);
          } else {
            history.push(m.record);
            recorder.history(history);
          }
        });
        await recorder.finish({
          status: outcome.status,
          durationMs: Date.now() - started,
          backend: outcome.backend,
          metrics: outcome.metrics,
          history: outcome.history,
          model: outcome.model,
          error: null,
        });
        return { run: getRun(ctx.db, runId), model: outcome.model, backend: outcome.backend, stoppedEarly: outcome.stoppedEarly, samplesPerSecond: outcome.samplesPerSecond };
      } catch (err) {
        const cancelled = err instanceof CancelledError || (err as { kind?: string }).kind === 'cancelled';
        await recorder
          .finish({ status: cancelled ? 'cancelled' : 'failed', durationMs: Date.now() - started, backend, metrics: {}, history, model: null, error: (err as Error).message })
          .catch((e: Error) => console.error(`Could not record the end of training run ${runId}: ${e.message}`));
        throw err;
      } finally {
        report({ ...latest, phase: 'done', etaSeconds: 0 });
      }
    });
  }

  /** Sizes and speed of a configured model on a dataset, measured in a worker with a few batches. */
  async estimate(datasetId: number, partial: PartialVariant, preset: string | undefined): Promise<TrainingEstimate> {
    const detail = getDatasetDetail(this.ctx.db, datasetId);
    const config = this.resolveConfig(partial, preset);
    resolveColumns(detail, config);
    const runId = `estimate-${randomUUID()}`;
    return this.ctx.jobs.run(runId, 'estimate', (job) => {
      job.progress({ phase: 'Measuring the model on a few batches', fraction: null }, true);
      return runWorkerJob(this.ctx, 'training:estimate', { type: 'estimate', runId, datasetId, config }, job);
    });
  }
}

function idleProgress(runId: string, epochs: number): TrainProgress {
  return { runId, phase: 'preparing', epoch: 0, epochs, batch: 0, batches: 0, loss: null, valLoss: null, samplesPerSecond: null, etaSeconds: null, learningRate: null };
}

/** A training's progress as a job's: its phase in words, the share of its epochs done, and the detail. */
function jobProgress(p: TrainProgress): ProgressUpdate {
  const phase = p.phase === 'preparing' ? 'Preparing the data' : p.phase === 'training' ? `Epoch ${p.epoch} of at most ${p.epochs}` : p.phase === 'saving' ? 'Evaluating and saving the model' : 'Done';
  const fraction = p.phase === 'training' ? (p.batches > 0 ? Math.min(1, (Math.max(0, p.epoch - 1) + p.batch / p.batches) / p.epochs) : null) : p.phase === 'preparing' ? 0 : 1;
  return { phase, fraction, train: p };
}

function checkRunId(id: unknown): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9._:-]{1,200}$/.test(id)) {
    throw new UserError(`The run id ${JSON.stringify(id)} cannot be used: give 1 to 200 letters, digits, '.', '_', ':' or '-' (e.g. a UUID).`);
  }
  return id;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
