/**
 * The serving worker: one long-lived thread that keeps the version each alias points at loaded and
 * answers predictions with it. When an alias moves it loads the new version and only then drops
 * the old one, so the app keeps serving and never restarts. Requests are handled one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type * as TF from '@tensorflow/tfjs';
import type { ModelMetadata } from '../../shared/model/metadata';
import type { ModelSummary } from '../../shared/model/training';
import type { ServeRequest, ServeResult, ServingMemory } from '../../shared/serving/types';
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
import type { ServingMessage, ServingRequest } from './serving-protocol';

const port = parentPort!;
const db = openDatabase((workerData as { dbPath: string }).dbPath);
const loaded = new Map<string, { summary: ModelSummary; model: TF.LayersModel; metadata: ModelMetadata }>();
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: ServingRequest) => {
  queue = queue.then(() => handle(msg));
});

async function handle(msg: ServingRequest): Promise<void> {
  const key = `${msg.name}:${msg.alias}`;
  let switched = false;
  const ensure = async () => {
    // The alias is read from the database on every request: a move is picked up even without a switch message.
    const summary = resolveSpec(db, { name: msg.name, alias: msg.alias });
    const current = loaded.get(key);
    if (current && current.summary.version === summary.version) return current;
    const next = { summary, ...(await loadModel(summary.path)) };
    loaded.set(key, next);
    current?.model.dispose();
    switched = current !== undefined;
    return next;
  };
  if (msg.type === 'switch') {
    try {
      const v = await ensure();
      send({ type: 'switched', id: msg.id, ok: true, version: v.summary.version, memory: memory(), switched });
    } catch (err) {
      send({ type: 'switched', id: msg.id, ok: false, error: serializeError(err), memory: memory(), switched });
    }
    return;
  }
  const started = performance.now();
  let version: number | null = null;
  try {
    const v = await ensure();
    version = v.summary.version;
    const { result, predictions } = predictLatest(v, msg.alias, msg.request, started);
    send({ type: 'predicted', id: msg.id, ok: true, result, predictions, memory: memory(), switched });
  } catch (err) {
    send({ type: 'predicted', id: msg.id, ok: false, error: serializeError(err), version, memory: memory(), switched });
  }
}

/** The latest window of each (chosen) entity, scored with the loaded version. */
function predictLatest(v: { summary: ModelSummary; model: TF.LayersModel; metadata: ModelMetadata }, alias: string, req: ServeRequest, started: number): { result: ServeResult; predictions: number } {
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

function send(m: ServingMessage): void {
  port.postMessage(m);
}
