/** CSV files written by the CLI (prediction rows and the ranked risk list), written atomically. */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { UserError } from '../../shared/errors';
import { csvText, type CsvRow } from '../../shared/evaluation/analysis-csv';

export { predictionsCsv, riskCsv, type CsvRow } from '../../shared/evaluation/analysis-csv';

/** Writes rows as CSV to a temporary file, then renames it into place (never a half-written file). */
export function writeCsvAtomic(file: string, rows: readonly CsvRow[]): void {
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(tmp, csvText(rows));
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`Cannot write ${file}: ${(err as Error).message}. Check that its folder exists and is writable, or choose another --out.`);
  }
}
