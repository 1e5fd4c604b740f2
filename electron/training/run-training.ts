/**
 * One training run and one estimate as plain functions (DESIGN 9): no worker or IPC inside, so the
 * worker, tests and tools call the same code. The worker passes a signal and a `send` for events.
 */
import type Database from 'better-sqlite3';
import { CancelledError } from '../../shared/errors';
import { MODEL_SCHEMA_VERSION, type ModelMetadata } from '../../shared/model/metadata';
import type { TrainProgress, TrainingEstimate } from '../../shared/model/training';
import type { VariantConfig } from '../../shared/model/variant';
import type { PreparedData } from '../../shared/training/prepared';
import { readAppVersion } from '../app/version';
import { initEngine } from '../engine/backend';
import { buildEnsemble, buildModel, countParameters, memberConfig, modelSizeBytes } from '../engine/build-model';
import { measureThroughput } from '../engine/estimate';
import { saveModel } from '../engine/model-files';
import { trainModel } from '../engine/train-model';
import { buildTrainingReference, referenceColumns } from '../registry/training-reference';
import { getDatasetDetail } from '../store/dataset-repo';
import { calibrateOnValidation } from '../evaluation/calibration';
import type { ConformalTable } from '../../shared/evaluation/conformal';
import { validationMetrics } from './evaluate-model';
import { prepareTrainingData, prepareWithSeries } from './prepare-data';
import { fitBaselineReference, type BaselineReference } from '../../shared/evaluation/baseline-reference';
import { throttleProgress } from './progress-throttle';
import { saveModelVersion } from './save-version';
import type { TrainOutcome, TrainWorkerMessage, TrainWorkerRequest } from './train-protocol';

type StartRequest = Extract<TrainWorkerRequest, { type: 'start' }>;
type EstimateRequest = Extract<TrainWorkerRequest, { type: 'estimate' }>;

/** How the caller follows and stops a run. */
export interface RunControl {
  signal: AbortSignal;
  /** Read once training has stopped: whether the cancel asked to keep the best model so far. */
  keepBest(): boolean;
  send(m: Exclude<TrainWorkerMessage, { type: 'result' }>): void;
}

/**
 * Prepares the data, builds and trains the model, and (unless cancelled without keepBest) measures
 * it on the validation split in original units and saves it as the next version of `req.name`.
 * Throws a CancelledError when cancelled without a model to keep.
 */
export async function runTraining(db: Database.Database, req: StartRequest, control: RunControl): Promise<TrainOutcome> {
  const { runId, config } = req;
  const blank: TrainProgress = { runId, phase: 'preparing', epoch: 0, epochs: config.training.epochs, batch: 0, batches: 0, loss: null, valLoss: null, samplesPerSecond: null, etaSeconds: null, learningRate: null };
  const progress = throttleProgress((p) => control.send({ type: 'progress', runId, progress: p }));
  progress(blank, true);

  const engine = await initEngine();
  const detail = getDatasetDetail(db, req.datasetId);
  const { prepared, series } = prepareWithSeries(db, req.datasetId, config);
  if (control.signal.aborted) throw new CancelledError('Training was cancelled while the data was prepared; no model was saved.');
  control.send({ type: 'prepared', runId, split: prepared.split, fingerprint: prepared.fingerprint, notes: prepared.notes, backend: engine.backend });
  // What drift checks compare new data with: statistics and samples of the training rows.
  const reference = buildTrainingReference(db, req.datasetId, referenceColumns(detail, config), prepared.split);

  const shape = { window: prepared.inputShape[0], features: prepared.inputShape[1], outputs: prepared.outputs, task: config.task };
  const seeds = config.training.seeds;
  const ensemble = seeds > 1 ? buildEnsemble(config, shape, seeds) : null;
  let model = ensemble ? ensemble.model : buildModel(config, shape);
  try {
    let latest: TrainProgress = { ...blank, phase: 'training', epochs: config.training.epochs * seeds };
    const outcomes: Awaited<ReturnType<typeof trainModel>>[] = [];
    // Seed ensembles train each member on its own (seed + k), one after another; epochs are numbered
    // on across members (member 2's first epoch follows member 1's last possible one).
    for (let k = 0; k < seeds && !outcomes.some((o) => o.cancelled); k++) {
      const offset = k * config.training.epochs;
      const trained = await trainModel(ensemble ? ensemble.members[k] : model, prepared, memberConfig(config, k), {
        signal: control.signal,
        onProgress: (p) => {
          // The one update with batch === batches per epoch is sent from onEpoch, with the validation loss.
          if (p.batch >= p.batches) return;
          latest = { ...p, runId, epoch: p.epoch + offset, epochs: latest.epochs };
          progress(latest);
        },
        onEpoch: (r) => {
          const record = { ...r, epoch: r.epoch + offset };
          control.send({ type: 'epoch', runId, record });
          latest = { ...latest, epoch: record.epoch, batch: latest.batches, loss: record.loss, valLoss: record.valLoss, learningRate: record.learningRate };
          progress(latest, true);
        },
      });
      if (trained.history.length > 0) outcomes.push({ ...trained, history: trained.history.map((h) => ({ ...h, epoch: h.epoch + offset })), bestEpoch: trained.bestEpoch + offset });
      else if (trained.cancelled) outcomes.push(trained);
    }
    const trained = combineOutcomes(outcomes);
    if (trained.cancelled && !control.keepBest()) throw new CancelledError('Training was cancelled; no model was saved.');
    if (trained.history.length === 0) throw new CancelledError('Training was cancelled before the first epoch ended; there was no model to keep.');
    // A run cancelled part-way keeps the members that trained (a member with no finished epoch is left out).
    const kept = outcomes.filter((o) => o.history.length > 0).length;
    if (ensemble && kept < seeds) model = ensemble.firstMembers(kept);

    progress({ ...latest, phase: 'saving' }, true);
    // The baselines are fitted on the training split once and stored with the model.
    const baselines = fitBaselineReference(prepared, series);
    const metrics = validationMetrics(model, prepared, config.training.loss, { series, reference: baselines });
    const calibration = calibrateOnValidation(model, prepared);
    const parameters = countParameters(model);
    const createdAt = new Date().toISOString();
    const saved = await saveModelVersion(
      db,
      req.home,
      { name: req.name, task: config.task, runId, datasetId: req.datasetId, datasetName: detail.summary.name, createdAt, metrics, parameters, reference },
      (dir, version) =>
        saveModel(model, dir, modelMetadata({ name: req.name, version, config, prepared, baselines, runId, parameters, metrics, calibration, createdAt, datasetName: detail.summary.name, columns: detail.columns.map((c) => c.name), tfjsVersion: engine.tfjsVersion, backend: engine.backend })),
    );
    return {
      status: trained.cancelled ? 'cancelled' : 'completed',
      backend: engine.backend,
      history: trained.history,
      bestEpoch: trained.bestEpoch,
      stoppedEarly: trained.stoppedEarly,
      samplesPerSecond: trained.samplesPerSecond,
      metrics,
      model: { name: req.name, version: saved.version, path: saved.path },
      parameters,
    };
  } finally {
    (ensemble ? ensemble.model : model).dispose();
  }
}

/** One outcome for a run of one or more ensemble members: their epochs in order, cancelled if the last was. */
function combineOutcomes(outcomes: Awaited<ReturnType<typeof trainModel>>[]): Awaited<ReturnType<typeof trainModel>> {
  const done = outcomes.filter((o) => o.history.length > 0);
  const steps = outcomes.reduce((a, o) => a + o.steps, 0);
  const best = done.reduce<(typeof done)[number] | null>((b, o) => (b === null || (o.bestValLoss ?? Infinity) < (b.bestValLoss ?? Infinity) ? o : b), null);
  return {
    history: done.flatMap((o) => o.history),
    bestEpoch: best?.bestEpoch ?? 0,
    bestValLoss: best?.bestValLoss ?? null,
    stoppedEarly: outcomes.some((o) => o.stoppedEarly),
    cancelled: outcomes.some((o) => o.cancelled),
    samplesPerSecond: steps > 0 ? outcomes.reduce((a, o) => a + o.samplesPerSecond * o.steps, 0) / steps : 0,
    steps,
  };
}

/** Sizes and measured speed of a configured model on a dataset (a few timed batches, nothing saved). */
export async function runEstimate(db: Database.Database, req: EstimateRequest): Promise<TrainingEstimate> {
  const engine = await initEngine();
  const config: VariantConfig = req.config;
  const prepared = await prepareTrainingData(db, req.datasetId, config);
  const model = buildModel(config, { window: prepared.inputShape[0], features: prepared.inputShape[1], outputs: prepared.outputs, task: config.task });
  try {
    const samplesPerSecond = await measureThroughput(model, config, prepared.inputShape);
    const windows = { train: prepared.train.n, validation: prepared.validation.n, test: prepared.test.n };
    // Validation runs once per epoch in inference mode, about 3x faster per window than a training step.
    const secondsPerEpoch = samplesPerSecond > 0 ? (windows.train + windows.validation / 3) / samplesPerSecond : 0;
    return {
      parameters: countParameters(model),
      sizeBytes: modelSizeBytes(model),
      inputShape: prepared.inputShape,
      outputs: prepared.outputs,
      windows,
      samplesPerSecond,
      secondsPerEpoch,
      totalSeconds: secondsPerEpoch * config.training.epochs * config.training.seeds,
      backend: engine.backend,
      split: prepared.split,
      notes: prepared.notes,
    };
  } finally {
    model.dispose();
  }
}

interface MetadataParts {
  name: string;
  version: number;
  config: VariantConfig;
  prepared: PreparedData;
  baselines: BaselineReference;
  runId: string;
  parameters: number;
  metrics: Record<string, number>;
  calibration: ConformalTable | null;
  createdAt: string;
  datasetName: string;
  columns: string[];
  tfjsVersion: string;
  backend: ModelMetadata['backend'];
}

/** The metadata.json saved beside the weights: everything needed to reuse the model on new data. */
function modelMetadata(m: MetadataParts): ModelMetadata {
  const p = m.prepared;
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    format: 'lstm-studio-model',
    name: m.name,
    version: m.version,
    task: m.config.task,
    config: m.config,
    featureScaler: p.featureScaler,
    targetScaler: p.targetScaler,
    featureNames: p.featureNames,
    targetNames: p.targetNames,
    classNames: p.classNames,
    window: p.inputShape[0],
    horizon: p.horizon,
    inputShape: p.inputShape,
    outputs: p.outputs,
    training: { datasetName: m.datasetName, fingerprint: p.fingerprint, columns: m.columns, runId: m.runId },
    parameters: m.parameters,
    metrics: m.metrics,
    createdAt: m.createdAt,
    appVersion: readAppVersion(),
    tfjsVersion: m.tfjsVersion,
    backend: m.backend,
    inputStats: p.inputStats,
    impute: p.impute,
    conditions: p.conditions,
    calibration: m.calibration,
    reference: m.baselines,
  };
}
