/**
 * The serving worker: one long-lived thread that keeps the version each alias points at loaded and
 * answers predictions with it. When an alias moves it loads the new version and only then drops
 * the old one, so the app keeps serving and never restarts. Requests are handled one at a time.
 */
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type * as TF from '@tensorflow/tfjs';
import type { ModelMetadata } from '../../shared/model/metadata';
import type { ModelSummary } from '../../shared/model/training';
import type { ServeRequest, ServingMemory } from '../../shared/serving/types';
import { serializeError } from '../../shared/errors';
import { tf } from '../engine/backend';
import { loadModel } from '../engine/model-files';
import { analysedModel, type Analysis } from '../evaluation/analysis-context';
import { predictionTable } from '../evaluation/predict-version';
import { scoreWindowSet } from '../evaluation/window-scores';
import { scoringSet } from '../evaluation/window-sets';
import { resolveSpec } from '../registry/resolve-ref';
import { openDatabase } from '../store/database';
import { loadEntitySeries } from '../training/load-series';
import type { FromWorker, ToWorker } from '../jobs/worker-protocol';
import type { ServedValue, ServingFacts, ServingJob, ServingJobName } from './serving-protocol';

const port = parentPort!;
let db: Database.Database | null = null;
const loaded = new Map<string, { summary: ModelSummary; model: TF.LayersModel; metadata: ModelMetadata }>();
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: ToWorker) => {
  // Requests are short: a cancel is not needed (and not sent).
  if (msg.type === 'request') queue = queue.then(() => handle(msg.id, msg.job as ServingJobName, msg.req as ServingJob, msg.dbPath));
});

async function handle(id: string, kind: ServingJobName, job: ServingJob, dbPath: string): Promise<void> {
  db ??= openDatabase(dbPath);
  const key = `${job.name}:${job.alias}`;
  let switched = false;
  let version: number | null = null;
  const ensure = async () => {
    // The alias is read from the database on every request: a move is picked up even without a switch message.
    const summary = resolveSpec(db!, { name: job.name, alias: job.alias });
    const current = loaded.get(key);
    if (current && current.summary.version === summary.version) return current;
    const next = { summary, ...(await loadModel(summary.path)) };
    loaded.set(key, next);
    current?.model.dispose();
    switched = current !== undefined;
    return next;
  };
  const started = performance.now();
  const facts = () => send({ type: 'progress', id, progress: { version, switched, memory: memory() } });
  try {
    const v = await ensure();
    version = v.summary.version;
    const value = kind === 'predict' ? predictLatest(db, v, job.alias, job.request!, started) : null;
    facts();
    send({ type: 'result', id, value });
  } catch (err) {
    facts();
    send({ type: 'error', id, error: serializeError(err) });
  }
}

/** The latest window of each (chosen) entity, scored with the loaded version. */
function predictLatest(db: Database.Database, v: { summary: ModelSummary; model: TF.LayersModel; metadata: ModelMetadata }, alias: string, req: ServeRequest, started: number): ServedValue {
  const { detail, series } = loadEntitySeries(db, req.datasetId);
  const a: Analysis = { summary: v.summary, model: v.model, metadata: v.metadata, info: analysedModel(v.summary, v.metadata, v.model), detail, series, sameAsTraining: false, dispose: () => {} };
  const set = scoringSet(a, { latestOnly: true, entities: req.entities });
  const scored = scoreWindowSet(a, set);
  const w = v.metadata.outputs;
  const rows = set.batch.meta.map((m, i) => ({ entity: m.entity, time: m.end, values: Array.from(scored.predicted.subarray(i * w, (i + 1) * w)), reliability: scored.reliability[i].flag }));
  const table = predictionTable(a, rows);
  return {
    result: { model: { name: v.summary.name, version: v.summary.version, alias }, columns: table.columns, rows, latencyMs: performance.now() - started },
    predictions: rows.length,
  };
}

function memory(): ServingMemory {
  const m = process.memoryUsage();
  let tensors = { numBytes: 0, numTensors: 0 };
  try {
    tensors = tf().memory();
  } catch {
    // no backend yet
  }
  return { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, tensorMb: tensors.numBytes / 2 ** 20, tensors: tensors.numTensors };
}

function send(m: FromWorker<ServingFacts, ServedValue | null>): void {
  port.postMessage(m);
}
