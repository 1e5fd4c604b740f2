import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { ColumnProfile, ImportOptions, TimeKind } from '../../shared/dataset';
import { CancelledError, UserError, fmtInt } from '../../shared/errors';
import { RecordDecoder } from '../../shared/import/record-decoder';
import { sniff, type SniffResult } from '../../shared/import/sniff';
import { RunningStats } from '../../shared/stats/running-stats';
import { completeDataset, insertDataset } from '../store/dataset-writes';
import { SeriesChunks } from '../store/series-chunks';
import { readSample } from './file-sample';
import { lenientGuard, readHere, readInThread, type ReadContext } from './import-read';
import { canPipeline } from './parse-pipeline';
import { defaultDatasetName } from './preview';
import { SINGLE_ENTITY } from './row-store';
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
 * a failed, cancelled or killed import leaves nothing behind. Returns the new dataset's id once it is
 * committed; the caller then checkpoints (see checkpoint() in store/database).
 */
export async function runImport(db: Database.Database, file: string, options: ImportOptions, control: ImportControl = {}): Promise<number> {
  const sample = readSample(file);
  const sniffed = sniff(sample.text, options);
  const decoder = new RecordDecoder(sniffed);
  const o = sniffed.options;
  const timeKind: TimeKind = sniffed.timeUnit === null ? 'row' : sniffed.timeUnit === 'index' ? 'index' : 'datetime';
  const report = (p: Omit<ImportProgress, 'totalBytes'>) => control.onProgress?.({ ...p, totalBytes: sample.sizeBytes });

  // The import's commit does not copy its pages from the WAL into the database file (a checkpoint,
  // then an fsync): the caller does that after reporting the result (checkpoint() in store/database).
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
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
    const warnings = new Set<string>();
    const guard = options.skipBadRows === true ? lenientGuard(warnings) : null;
    const writer = new SeriesWriter(new SeriesChunks(db, id), {
      columnCount: decoder.stored.length,
      timeIndex: decoder.timeIndex,
      timeIsDate: timeKind === 'datetime',
      timeColumnName: o.timeColumn ?? '',
      hasEntities: o.entityColumn !== null,
      // A lenient import skips (and lists) a repeated time found when an entity is sorted, as any bad row.
      onRepeat: guard ? (line, err) => guard(line, () => { throw err; }) : undefined,
    });
    const stats = decoder.stored.map(() => new RunningStats());
    const ctx: ReadContext = { file, sample, sniffed, decoder, writer, stats, warnings, signal: control.signal, lenient: guard !== null, guard };
    const progress = (rows: number, bytes: number) => report({ phase: 'Reading rows', fraction: bytes / sample.sizeBytes, rows, bytes });
    const read = canPipeline(sniffed, sample.encoding, sample.sizeBytes, ctx.lenient) ? await readInThread(ctx, progress) : await readHere(ctx, progress);
    const { bytes, fingerprint } = read;
    report({ phase: 'Sorting and checking times', fraction: 1, rows: read.rows, bytes });
    writer.finish();
    guard?.finish();
    const rows = read.rows - writer.dropped;
    if (rows === 0) throw new UserError(`${path.basename(file)} has ${o.header ? 'a header but ' : ''}no data rows. Choose a file with data.`);
    const valued = decoder.stored.filter((c, j) => c.role !== 'time' && stats[j].count > 0);
    if (valued.length === 0) {
      throw new UserError(`${path.basename(file)} has no values: every field of its ${fmtInt(rows)} row${rows === 1 ? '' : 's'} is empty, a missing marker (such as NA) or non-finite (Inf)${o.timeColumn ? ' besides the time' : ''}. Choose a file with data.`);
    }
    const nonFinite = decoder.nonFiniteWarning();
    if (nonFinite) warnings.add(nonFinite);

    const { interval, regularity } = writer.interval.result();
    const gaps = writer.gaps(interval);
    if (control.signal?.aborted) throw new CancelledError('Import cancelled; nothing was stored.');
    completeDataset(
      db,
      id,
      {
        fingerprint,
        rows,
        entities: writer.entities.length,
        interval,
        regularity,
        gapCount: gaps.count,
        largestGaps: gaps.largest,
        warnings: [...writer.warnings, ...warnings],
      },
      profiles(decoder, stats),
      writer.entities.map((e) => ({ name: e.name, label: e.label, length: e.length, start: e.start <= e.end ? e.start : null, end: e.start <= e.end ? e.end : null, gaps: e.gaps })),
    );
    db.exec('COMMIT');
    report({ phase: 'Done', fraction: 1, rows, bytes });
    return id;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
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
