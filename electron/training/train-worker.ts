/**
 * Worker thread entry: runs one training (or one estimate) with its own database connection, off
 * the main thread. Answers with exactly one `result`; errors cross as data.
 */
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { serializeError } from '../../shared/errors';
import { openDatabase } from '../store/database';
import { runEstimate, runTraining } from './run-training';
import type { TrainWorkerMessage, TrainWorkerRequest } from './train-protocol';

const port = parentPort!;
const controller = new AbortController();
const send = (m: TrainWorkerMessage) => port.postMessage(m);
let keepBest = false;
let started = false;

port.on('message', (msg: TrainWorkerRequest) => {
  if (msg.type === 'cancel') {
    keepBest = msg.keepBest;
    controller.abort();
    return;
  }
  if (started) return;
  started = true;
  void run(msg);
});

async function run(msg: Exclude<TrainWorkerRequest, { type: 'cancel' }>): Promise<void> {
  let db: Database.Database | undefined;
  try {
    db = openDatabase(msg.dbPath);
    if (msg.type === 'start') {
      const outcome = await runTraining(db, msg, { signal: controller.signal, keepBest: () => keepBest, send });
      send({ type: 'result', runId: msg.runId, ok: true, kind: 'train', outcome });
    } else {
      const estimate = await runEstimate(db, msg);
      send({ type: 'result', runId: msg.runId, ok: true, kind: 'estimate', estimate });
    }
  } catch (err) {
    send({ type: 'result', runId: msg.runId, ok: false, error: serializeError(err) });
  } finally {
    db?.close();
    port.close();
  }
}
