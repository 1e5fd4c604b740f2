/**
 * A pipelined import: a worker thread (parse-worker.ts) reads and parses the file into batches of
 * rows while this thread stores the batches before (SeriesWriter, profiles, SQLite) and hashes the
 * bytes, so the two halves use both cores. Batches arrive in file order and go back to the worker once
 * stored, as read buffers do once hashed, so memory stays flat.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { CancelledError, deserializeError } from '../../shared/errors';
import type { RowBatch } from '../../shared/import/line-decoder';
import type { SniffResult } from '../../shared/import/sniff';
import type { ParseInit, ParseMessage } from './parse-protocol';

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;
/** Rows per batch, and batches in existence at most (about 1 MB each for 7 columns; a dozen let one thread run ahead while the other is slow). */
const BATCH_ROWS = 16384;
const MAX_BATCHES = 12;

/** What the importing thread does with what the worker sends (each may throw to stop the import). */
export interface PipelineSink {
  /** Stores a batch of rows; `keys` are the entity keys first seen in it. */
  rows(batch: RowBatch, keys: string[], bytes: number): void;
  /** The worker read the whole file: `bytes` of it. */
  read(bytes: number): void;
}

/** What the worker found besides the rows. */
export interface ParseSummary {
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** Category dictionaries by stored column, in code order. */
  categories: string[][];
  /** Non-finite numbers read as missing (RecordDecoder.nonFinite). */
  nonFinite: { count: number; line: number; column: string };
}

/**
 * Whether a file is read by parseInThread: strict imports of long-format delimited text in UTF-8 or
 * Windows-1252 of 8 MB or more. LSTM_STUDIO_IMPORT_THREADS=1 reads every file in one thread, =2 every
 * such file in two (whatever its size).
 */
export function canPipeline(sniffed: SniffResult, encoding: string, sizeBytes: number, lenient: boolean): encoding is 'utf-8' | 'windows-1252' {
  const o = sniffed.options;
  const threads = process.env.LSTM_STUDIO_IMPORT_THREADS;
  return (
    threads !== '1' &&
    !lenient &&
    (sizeBytes >= 8 * CHUNK_BYTES || threads === '2') &&
    o.format === 'long' &&
    o.fileType === 'delimited' &&
    o.delimiter !== 'whitespace' &&
    (encoding === 'utf-8' || encoding === 'windows-1252')
  );
}

/**
 * Parses `file` in a worker thread and hands its batches to `sink` here, in file order. Rejects with
 * the first error (the sink's, or the worker's: a UserError naming the line stays one) or a
 * CancelledError when `signal` aborts. The worker is always stopped.
 */
export async function parseInThread(
  file: string,
  sniffed: SniffResult,
  encoding: 'utf-8' | 'windows-1252',
  bomBytes: number,
  signal: AbortSignal | undefined,
  sink: PipelineSink,
): Promise<ParseSummary> {
  const hash = createHash('sha256');
  const flow = new SharedArrayBuffer(4);
  const bump = new Int32Array(flow);
  const { port1, port2 } = new MessageChannel();
  const init: ParseInit = { file, sniffed, encoding, bomBytes, chunkBytes: CHUNK_BYTES, batchRows: BATCH_ROWS, maxBatches: MAX_BATCHES, returns: port2, flow };
  const worker = new Worker(path.join(__dirname, 'parse-worker.js'), { workerData: init, transferList: [port2] });
  /** Gives a stored batch or a hashed read buffer (shared memory) back to the worker, which may be waiting for one. */
  const handBack = (value: RowBatch | Uint8Array) => {
    port1.postMessage(value);
    Atomics.add(bump, 0, 1);
    Atomics.notify(bump, 0);
  };
  let onAbort = () => {};
  try {
    return await new Promise<ParseSummary>((resolveOnce, rejectOnce) => {
      let settled = false; // messages still on their way after the end are ignored
      const resolve = (v: ParseSummary) => ((settled = true), resolveOnce(v));
      const reject = (err: unknown) => ((settled = true), rejectOnce(err));
      onAbort = () => reject(new CancelledError('Import cancelled; nothing was stored.'));
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (m: ParseMessage) => {
        if (settled) return;
        try {
          if (signal?.aborted) return onAbort();
          if (m.type === 'rows') {
            sink.rows(m.batch, m.keys, m.bytes);
            handBack(m.batch);
          } else if (m.type === 'bytes') {
            hash.update(m.chunk);
            handBack(new Uint8Array(m.chunk.buffer));
          }
          else if (m.type === 'read') sink.read(m.bytes);
          else if (m.type === 'done') resolve({ hash: hash.digest('hex'), categories: m.categories, nonFinite: m.nonFinite });
          else reject(deserializeError(m.error));
        } catch (err) {
          reject(err);
        }
      });
      worker.on('error', (err) => reject(new Error(`The import's reading thread failed: ${err.message}`)));
      worker.on('exit', (code) => reject(new Error(`The import's reading thread stopped (exit code ${code}) before the end of the file.`)));
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    port1.close();
    await worker.terminate();
  }
}
