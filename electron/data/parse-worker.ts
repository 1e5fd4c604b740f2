/**
 * Worker thread: the reading half of a pipelined import (parse-pipeline.ts). Reads and parses a
 * long-format delimited file into batches of decoded rows, sent in file order while the importing
 * thread stores the ones before (and hashes the bytes, sent after them). At most `maxBatches` batches
 * and as many read buffers exist: the importer hands each back once it is stored or hashed (on
 * `returns`, then a bump of `flow`), so memory stays flat. An error is sent after
 * the rows before it, so the importer reports problems in file order.
 */
import * as fs from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import { fileError } from '../app/input-file';
import { ByteLineDecoder, batchOf, newBatch, type RowBatch } from '../../shared/import/line-decoder';
import { RecordDecoder } from '../../shared/import/record-decoder';
import type { ParseInit, ParseMessage } from './parse-protocol';
import { bytesToText, createRecordStream } from './record-stream';

const init = workerData as ParseInit;
const out = parentPort!;
const flow = new Int32Array(init.flow);
// Batches and read buffers live in shared memory and are never transferred (see newBatch).
const send = (m: ParseMessage) => out.postMessage(m);

function parse(): void {
  const decoder = new RecordDecoder(init.sniffed);
  const delimiter = init.sniffed.options.delimiter ?? ',';
  const lines = new ByteLineDecoder(decoder, delimiter, bytesToText(init.encoding), { capacity: init.batchRows, shared: true });
  const pool: RowBatch[] = [];
  const buffers: Buffer[] = [];
  let made = 1;
  let madeBuffers = 0;
  let sentKeys = 0;
  let bytes = 0;

  /**
   * A batch (or a read buffer) the importer handed back, a new one while fewer than maxBatches of
   * its kind exist, or else a wait for one. Reusing read buffers matters: a fresh megabyte per chunk
   * costs its page faults, a tenth of the parse.
   */
  const take = <T>(list: T[], fresh: () => T | null): T => {
    for (;;) {
      const seen = Atomics.load(flow, 0);
      for (let m = receiveMessageOnPort(init.returns); m; m = receiveMessageOnPort(init.returns)) {
        const v = m.message as RowBatch | Uint8Array;
        if (v instanceof Uint8Array) buffers.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
        else pool.push(batchOf(v.cols, v.entity, v.line)); // a clone has another hidden class (see batchOf)
      }
      const b = list.pop() ?? fresh();
      if (b) return b;
      Atomics.wait(flow, 0, seen, 1000);
    }
  };
  const emptyBatch = () => take(pool, () => (made < init.maxBatches ? (made++, newBatch(decoder.stored.length, init.batchRows, true)) : null));
  const readBuffer = () => take(buffers, () => (madeBuffers < init.maxBatches ? (madeBuffers++, Buffer.from(new SharedArrayBuffer(init.chunkBytes))) : null));
  const sendRows = (last = false) => {
    const b = lines.batch;
    if (b.n === 0) return;
    const keys = lines.keys.slice(sentKeys);
    sentKeys = lines.keys.length;
    send({ type: 'rows', batch: b, keys, bytes });
    if (last) return;
    lines.batch = emptyBatch();
  };
  const onRecord = (fields: string[], line: number) => {
    lines.addRecord(fields, line);
    if (lines.batch.n === lines.batch.capacity) sendRows();
  };
  const stream = createRecordStream(init.sniffed, init.encoding, init.bomBytes, () => {}, lines.hook(() => sendRows()));
  try {
    const fd = fs.openSync(init.file, 'r');
    try {
      for (;;) {
        const buf = readBuffer();
        const n = fs.readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        const chunk = buf.subarray(0, n);
        bytes += n;
        stream.push(chunk, onRecord);
        sendRows();
        // The importer hashes the bytes (it has time to spare while this thread parses).
        send({ type: 'bytes', chunk });
      }
    } finally {
      fs.closeSync(fd);
    }
    send({ type: 'read', bytes });
    stream.end(onRecord);
    sendRows(true);
    send({ type: 'done', categories: decoder.categories.map((m) => [...m.keys()]), nonFinite: decoder.nonFinite });
  } catch (err) {
    // The rows before the problem first: the importer may find an earlier one while storing them.
    sendRows(true);
    send({ type: 'error', error: serializeError(fileError(err, init.file)) });
  }
}

parse();
