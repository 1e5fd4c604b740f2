/**
 * The reading half of an import: every row of the file into the SeriesWriter and the column profiles,
 * in file order, in this thread (readHere) or with the parsing in a second one (readInThread).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SKIPPED_LINE, SKIPPED_LISTED } from '../../shared/dataset';
import { CancelledError, UserError, fmtInt } from '../../shared/errors';
import { ByteLineDecoder } from '../../shared/import/line-decoder';
import type { RecordDecoder } from '../../shared/import/record-decoder';
import type { SniffResult } from '../../shared/import/sniff';
import type { RunningStats } from '../../shared/stats/running-stats';
import { fileError } from '../app/input-file';
import { statFile, type FileSample } from './file-sample';
import { parseInThread } from './parse-pipeline';
import { bytesToText, createRecordStream } from './record-stream';
import { RowStore, type RowGuard } from './row-store';
import type { SeriesWriter } from './series-writer';

/** What reading needs: the file, how it was sniffed, where rows go, where notes go. */
export interface ReadContext {
  file: string;
  sample: FileSample;
  sniffed: SniffResult;
  decoder: RecordDecoder;
  writer: SeriesWriter;
  stats: RunningStats[];
  warnings: Set<string>;
  signal?: AbortSignal;
  /** skipBadRows: rows that cannot be read are listed in the warnings and left out (see lenientGuard). */
  lenient: boolean;
  /** The lenient import's guard (null for a strict one); its finish() is the caller's, after the writer's. */
  guard: LenientGuard | null;
}

/** What reading found. */
export interface ReadResult {
  rows: number;
  bytes: number;
  /** SHA-256 of the file's bytes. */
  fingerprint: string;
}

/** Reports rows stored and bytes read so far. */
export type ReadProgress = (rows: number, bytes: number) => void;

const CHUNK_BYTES = 1 << 20;

/** Reads the file in this thread, any format. */
export async function readHere(ctx: ReadContext, progress: ReadProgress): Promise<ReadResult> {
  const { sample, sniffed, decoder, writer, stats } = ctx;
  const o = sniffed.options;
  const guard = ctx.guard;
  // Rows of a long-format file gather in a batch and are stored a batch at a time, in file order (so
  // the first problem in the file is the one reported); most lines of a delimited file go there
  // straight from their bytes (ByteLineDecoder).
  const delimiter = o.delimiter ?? ',';
  const lines = new ByteLineDecoder(decoder, delimiter === 'whitespace' ? ' ' : delimiter, bytesToText(sample.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8'));
  const batch = lines.batch;
  const store = new RowStore(writer, stats, lines.keys, guard);
  const readRecord = (fields: string[], line: number) => {
    if (o.format === 'wide') {
      const seq = decoder.decodeSequence(fields, line);
      writer.appendSequence(String(store.rows + 1), seq.label, seq.values);
      for (let i = 0; i < seq.values.length; i++) stats[0].push(seq.values[i]);
      store.rows++;
      return;
    }
    lines.addRecord(fields, line);
    store.store(batch);
  };
  const onRecord = (fields: string[], line: number) => {
    store.store(batch);
    if (guard) guard(line, () => readRecord(fields, line));
    else readRecord(fields, line);
  };
  const fast = o.format === 'long' && o.fileType === 'delimited' && delimiter !== 'whitespace' ? lines.hook(() => store.store(batch)) : undefined;
  const hash = createHash('sha256');
  const stream = createRecordStream(sniffed, sample.encoding, sample.bomBytes, (w) => ctx.warnings.add(w), fast);
  let bytes = 0;
  for await (const buf of chunksOf(ctx.file)) {
    if (ctx.signal?.aborted) throw new CancelledError('Import cancelled; nothing was stored.');
    hash.update(buf);
    bytes += buf.length;
    stream.push(buf, onRecord);
    store.store(batch);
    progress(store.rows, bytes);
  }
  checkUnchanged(ctx.file, sample.sizeBytes, bytes);
  stream.end(onRecord);
  store.store(batch);
  return { rows: store.rows, bytes, fingerprint: hash.digest('hex') };
}

/**
 * Reads a long-format delimited file (see canPipeline) with the reading and parsing in a worker
 * thread while this one stores: the same rows, profiles and first error as readHere.
 */
export async function readInThread(ctx: ReadContext, progress: ReadProgress): Promise<ReadResult> {
  const { sample, decoder } = ctx;
  const keys: string[] = [];
  const store = new RowStore(ctx.writer, ctx.stats, keys, null);
  let bytes = 0;
  const summary = await parseInThread(ctx.file, ctx.sniffed, sample.encoding as 'utf-8' | 'windows-1252', sample.bomBytes, ctx.signal, {
    rows: (batch, newKeys, read) => {
      for (const k of newKeys) keys.push(k);
      store.store(batch);
      progress(store.rows, read);
    },
    read: (read) => {
      bytes = read;
      checkUnchanged(ctx.file, sample.sizeBytes, read);
    },
  });
  summary.categories.forEach((list, j) => list.forEach((key, code) => decoder.categories[j].set(key, code)));
  decoder.addNonFinite(summary.nonFinite);
  return { rows: store.rows, bytes, fingerprint: summary.hash };
}

/** A lenient import's RowGuard; finish() adds the count of skipped rows not listed. */
export type LenientGuard = RowGuard & { finish(): void };

/** The guard of a lenient import: a row that throws a UserError is listed in the warnings (the first SKIPPED_LISTED) and skipped. */
export function lenientGuard(warnings: Set<string>): LenientGuard {
  const skipped = { listed: 0, more: 0 };
  const guard = (line: number, read: () => void): boolean => {
    try {
      read();
      return true;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      if (skipped.listed < SKIPPED_LISTED) {
        skipped.listed++;
        // "Skipped line 12, column `temp`: ..." (the message names the line itself, or is given it).
        const where = `Line ${fmtInt(line)}`;
        warnings.add(err.message.startsWith(where) ? `${SKIPPED_LINE}${err.message.slice(5)}` : `${SKIPPED_LINE}${fmtInt(line)}: ${err.message}`);
      } else skipped.more++;
      return false;
    }
  };
  const finish = () => {
    if (skipped.more > 0) warnings.add(`Skipped ${fmtInt(skipped.more)} more bad rows (only the first ${SKIPPED_LISTED} are listed).`);
  };
  return Object.assign(guard, { finish });
}

/** The file's bytes in chunks of CHUNK_BYTES; a read error (EACCES, EIO) becomes a message naming the file. */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  try {
    for await (const buf of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) yield buf as Buffer;
  } catch (err) {
    throw fileError(err, file);
  }
}

/** Refuses a file that vanished or changed size while it was read (a partial copy, a log being written). */
function checkUnchanged(file: string, expected: number, read: number): void {
  let size: number;
  try {
    size = statFile(file).size;
  } catch {
    throw new UserError(`${file} disappeared while it was being read. Nothing was imported; put the file back and import again.`);
  }
  if (size !== expected || read !== expected) {
    throw new UserError(
      `${path.basename(file)} changed while it was being read (${fmtInt(expected)} bytes at the start, ${fmtInt(read)} read, ${fmtInt(size)} now). Nothing was imported; wait until the file is complete and import again.`,
    );
  }
}
