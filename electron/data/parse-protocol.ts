/** What the parse worker (parse-worker.ts) is given and what it sends to the importer (parse-pipeline.ts). */
import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from '../../shared/errors';
import type { RowBatch } from '../../shared/import/line-decoder';
import type { SniffResult } from '../../shared/import/sniff';

/** The worker's workerData. */
export interface ParseInit {
  file: string;
  sniffed: SniffResult;
  encoding: 'utf-8' | 'windows-1252';
  bomBytes: number;
  chunkBytes: number;
  batchRows: number;
  /** Batches in existence at most (being filled, on their way, being stored). */
  maxBatches: number;
  /** Where stored batches and hashed read buffers come back. */
  returns: MessagePort;
  /** An Int32Array's buffer whose element 0 the importer bumps (and notifies) after handing a batch or buffer back. */
  flow: SharedArrayBuffer;
}

export type ParseMessage =
  /** Decoded rows in file order; `keys` are the entities first seen in them (their numbers continue). */
  | { type: 'rows'; batch: RowBatch; keys: string[]; bytes: number }
  /** The file's next bytes, once parsed (for its fingerprint). */
  | { type: 'bytes'; chunk: Uint8Array }
  /** The whole file was read (before its last line is parsed). */
  | { type: 'read'; bytes: number }
  | { type: 'done'; categories: string[][]; nonFinite: { count: number; line: number; column: string } }
  | { type: 'error'; error: SerializedError };
