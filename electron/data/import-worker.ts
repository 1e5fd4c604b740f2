/** Worker thread entry: runs one import with its own database connection, off the main thread. */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import { checkpoint, openDatabase } from '../store/database';
import { runImport } from './import-runner';
import type { ImportWorkerMessage, ImportWorkerRequest } from './import-protocol';

const port = parentPort!;
const controller = new AbortController();
const send = (m: ImportWorkerMessage) => port.postMessage(m);

port.on('message', async (msg: ImportWorkerRequest) => {
  if (msg.type === 'cancel') {
    controller.abort();
    return;
  }
  let db;
  try {
    db = openDatabase(msg.dbPath);
    const datasetId = await runImport(db, msg.file, msg.options, {
      signal: controller.signal,
      onProgress: (progress) => send({ type: 'progress', progress }),
    });
    send({ type: 'result', ok: true, datasetId });
    try {
      checkpoint(db); // after the result: the import is committed; this copies its pages into the database file
    } catch {
      // a later checkpoint (SQLite's own, in the next commit) does it
    }
  } catch (err) {
    send({ type: 'result', ok: false, error: serializeError(err) });
  } finally {
    db?.close();
    port.close();
  }
});
