import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { SKIPPED_LINE, SKIPPED_LISTED, type ColumnProfile, type ImportOptions, type TimeKind } from '../../shared/dataset';
import { CancelledError, UserError, fmtInt } from '../../shared/errors';
import type { ByteLineHook } from '../../shared/import/delimited-parser';
import { ByteLineDecoder } from '../../shared/import/line-decoder';
import { RecordDecoder } from '../../shared/import/record-decoder';
import { sniff, type SniffResult } from '../../shared/import/sniff';
import { RunningStats } from '../../shared/stats/running-stats';
import { completeDataset, insertDataset } from '../store/dataset-writes';
import { SeriesChunks } from '../store/series-chunks';
import { readSample, statFile } from './file-sample';
import { defaultDatasetName } from './preview';
import { bytesToText, createRecordStream } from './record-stream';
import { RowStore, SINGLE_ENTITY, type RowGuard } from './row-store';
import { SeriesWriter } from './series-writer';

/** A progress report from a running import. */
export interface ImportProgress {
  phase: string;
  fraction: number | null;
  rows: number;
  bytes: number;
  totalBytes: number;
}

/** How the caller follows and stops an import. */
export interface ImportControl {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

export { SINGLE_ENTITY };

/**
 * Imports a sensor file into the project database in one transaction: the file is streamed (memory
 * stays flat), decoded, profiled and stored as columnar chunks. Any error or a cancel rolls back, so
 * a failed, cancelled or killed import leaves nothing behind. Returns the new dataset's id.
 */
export async function runImport(db: Database.Database, file: string, options: ImportOptions, control: ImportControl = {}): Promise<number> {
  const sample = readSample(file);
  const sniffed = sniff(sample.text, options);
  const decoder = new RecordDecoder(sniffed);
  const o = sniffed.options;
  const timeKind: TimeKind = sniffed.timeUnit === null ? 'row' : sniffed.timeUnit === 'index' ? 'index' : 'datetime';
  const report = (p: Omit<ImportProgress, 'totalBytes'>) => control.onProgress?.({ ...p, totalBytes: sample.sizeBytes });

  db.exec('BEGIN IMMEDIATE');
  try {
    const id = insertDataset(db, {
      name: (options.name ?? defaultDatasetName(file)).trim() || defaultDatasetName(file),
      format: o.format,
      sourcePath: path.resolve(file),
      sizeBytes: sample.sizeBytes,
      timeColumn: o.timeColumn,
      timeKind,
      entityColumn: o.entityColumn,
      labelColumn: o.labelColumn,
      optionsJson: JSON.stringify(o),
    });
    const writer = new SeriesWriter(new SeriesChunks(db, id), {
      columnCount: decoder.stored.length,
      timeIndex: decoder.timeIndex,
      timeIsDate: timeKind === 'datetime',
      timeColumnName: o.timeColumn ?? '',
      hasEntities: o.entityColumn !== null,
    });
    const stats = decoder.stored.map(() => new RunningStats());
    const rowBuf = new Float64Array(decoder.stored.length);
    const warnings = new Set<string>();

    // With skipBadRows a row that cannot be read is listed in the warnings and left out.
    const skipped = { listed: 0, more: 0 };
    const lenient: RowGuard = (line, read) => {
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
    const guard = options.skipBadRows === true ? lenient : null;
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
      const id = lines.entityNumber(decoder.decode(fields, line, rowBuf));
      for (let j = 0; j < rowBuf.length; j++) batch.cols[j][0] = rowBuf[j];
      batch.entity[0] = id;
      batch.line[0] = line;
      batch.n = 1;
      store.store(batch);
    };
    const onRecord = (fields: string[], line: number) => {
      store.store(batch);
      if (guard) guard(line, () => readRecord(fields, line));
      else readRecord(fields, line);
    };
    const fast: ByteLineHook | undefined =
      o.format === 'long' && o.fileType === 'delimited' && delimiter !== 'whitespace'
        ? (b, from, to, line) => {
            if (!lines.decode(b, from, to, line)) return false;
            if (batch.n === batch.capacity) store.store(batch);
            return true;
          }
        : undefined;
    const hash = createHash('sha256');
    const stream = createRecordStream(sniffed, sample.encoding, sample.bomBytes, (w) => warnings.add(w), fast);
    let bytes = 0;
    for await (const buf of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      if (control.signal?.aborted) throw new CancelledError('Import cancelled; nothing was stored.');
      hash.update(buf as Buffer);
      bytes += (buf as Buffer).length;
      stream.push(buf as Buffer, onRecord);
      store.store(batch);
      report({ phase: 'Reading rows', fraction: bytes / sample.sizeBytes, rows: store.rows, bytes });
    }
    checkUnchanged(file, sample.sizeBytes, bytes);
    stream.end(onRecord);
    store.store(batch);
    const rows = store.rows;
    if (skipped.more > 0) warnings.add(`Skipped ${fmtInt(skipped.more)} more bad rows (only the first ${SKIPPED_LISTED} are listed).`);
    if (rows === 0) throw new UserError(`${path.basename(file)} has ${o.header ? 'a header but ' : ''}no data rows. Choose a file with data.`);

    report({ phase: 'Sorting and checking times', fraction: 1, rows, bytes });
    writer.finish();
    const { interval, regularity } = writer.interval.result();
    const gaps = writer.gaps(interval);
    if (control.signal?.aborted) throw new CancelledError('Import cancelled; nothing was stored.');
    completeDataset(
      db,
      id,
      {
        fingerprint: hash.digest('hex'),
        rows,
        entities: writer.entities.length,
        interval,
        regularity,
        gapCount: gaps.count,
        largestGaps: gaps.largest,
        warnings: [...writer.warnings, ...warnings],
      },
      profiles(decoder, stats),
      writer.entities.map((e) => ({ name: e.name, label: e.label, length: e.length, start: e.start, end: e.end, gaps: e.gaps })),
    );
    db.exec('COMMIT');
    report({ phase: 'Done', fraction: 1, rows, bytes });
    return id;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
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

function profiles(decoder: RecordDecoder, stats: RunningStats[]): ColumnProfile[] {
  return decoder.stored.map((c, j): ColumnProfile => {
    const s = stats[j];
    const total = s.count + s.missing;
    const numeric = c.type === 'number' || c.type === 'index';
    const ranged = numeric || c.type === 'datetime';
    const categories = c.type === 'category' ? [...decoder.categories[j].keys()] : undefined;
    return {
      name: c.name,
      role: c.role,
      type: c.type,
      count: s.count,
      missing: s.missing,
      missingPct: total === 0 ? 0 : (100 * s.missing) / total,
      min: ranged ? s.min : null,
      max: ranged ? s.max : null,
      mean: numeric ? s.mean : null,
      std: numeric ? s.std : null,
      categories,
    };
  });
}

export type { SniffResult };
