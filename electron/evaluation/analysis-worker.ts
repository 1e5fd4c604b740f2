/**
 * Worker thread entry: runs one analysis with its own database connection, off the main thread,
 * and answers with exactly one `result`.
 */
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { serializeError } from '../../shared/errors';
import { openDatabase } from '../store/database';
import { analysisControl } from './analysis-control';
import type { AnalysisWorkerMessage, AnalysisWorkerRequest } from './analysis-protocol';
import { runAnalysis } from './analysis-runner';

const port = parentPort!;
const controller = new AbortController();
const send = (m: AnalysisWorkerMessage) => port.postMessage(m);
let started = false;

port.on('message', (msg: AnalysisWorkerRequest) => {
  if (msg.type === 'cancel') {
    controller.abort();
    return;
  }
  if (started) return;
  started = true;
  void run(msg);
});

async function run(msg: Extract<AnalysisWorkerRequest, { type: 'run' }>): Promise<void> {
  let db: Database.Database | undefined;
  try {
    db = openDatabase(msg.dbPath);
    const control = analysisControl(controller.signal, (phase, fraction) => send({ type: 'progress', id: msg.id, phase, fraction }));
    const value = await runAnalysis(db, msg.op, msg.req as never, control);
    send({ type: 'result', id: msg.id, ok: true, value });
  } catch (err) {
    send({ type: 'result', id: msg.id, ok: false, error: serializeError(err) });
  } finally {
    db?.close();
    port.close();
  }
}
