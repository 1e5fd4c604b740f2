/**
 * Our side of the CSV benchmark, in its own process: the real importer (streaming parse, decode,
 * profile, columnar chunks in one SQLite transaction) into a fresh project database.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImport } from '../data/import-runner';
import { openDatabase } from '../store/database';
import { peakRssMb } from './measure';
import type { CsvFigures } from './workload';

/** Imports `file` into a temporary database and reports MB/s (MiB of file per second) and peak RSS. */
export async function runCsvPart(file: string): Promise<CsvFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-studio-bench-db-'));
  const db = openDatabase(path.join(dir, 'studio.sqlite'));
  try {
    const size = fs.statSync(file).size;
    const started = performance.now();
    let rows = 0;
    await runImport(db, file, {}, { onProgress: (p) => (rows = p.rows) });
    const seconds = (performance.now() - started) / 1000;
    return { rows, seconds, mbPerSecond: size / 1048576 / seconds, peakRssMb: peakRssMb(), engine: 'LSTM Studio importer into SQLite' };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
