/**
 * Where reports go and how they are written: the checked output path (its extension must match
 * the format, its folder must exist), the default `<home>/reports/` name, atomic writes (a
 * temporary file renamed into place) and the CSV + JSON files of every table.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../shared/errors';
import { fileSafe, tableCsv, tableJson } from '../../shared/reports/table-format';
import type { ReportFormat, ReportKind, ReportTable } from '../../shared/reports/types';

/** Folder of reports inside the home folder. */
export const REPORTS_DIR = 'reports';

/** File extensions of each format. */
const EXTENSIONS: Record<ReportFormat, string[]> = { html: ['.html', '.htm'], pdf: ['.pdf'] };

/** The format a file name asks for by its extension, or null. */
export function formatOfPath(file: string): ReportFormat | null {
  const ext = path.extname(file).toLowerCase();
  return (Object.keys(EXTENSIONS) as ReportFormat[]).find((f) => EXTENSIONS[f].includes(ext)) ?? null;
}

/** Checks a chosen output file: the right extension, and a folder that exists. Returns it absolute. */
export function checkOutputPath(file: string, format: ReportFormat): string {
  const target = path.resolve(file);
  const ext = path.extname(target);
  if (!EXTENSIONS[format].includes(ext.toLowerCase())) {
    const asked = formatOfPath(target);
    throw new UserError(
      asked
        ? `${target} is a .${asked} file name but the report was asked for as ${format.toUpperCase()}: name it .${format} or ask for ${asked.toUpperCase()}.`
        : `Cannot tell the report format from ${ext ? `the extension "${ext}"` : 'a name without extension'} (${target}): end the file name in .html or .pdf.`,
    );
  }
  checkFolder(path.dirname(target), 'the report');
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UserError(`${target} is a folder: give a file name ending in .${format}.`);
  return target;
}

/** Checks that `dir` is an existing folder, naming what it is for. */
export function checkFolder(dir: string, what: string): string {
  const target = path.resolve(dir);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(target);
  } catch {
    // Missing or unreadable: said below.
  }
  if (!stat) throw new UserError(`The folder ${target} for ${what} does not exist. Create it first (mkdir -p "${target}") or choose another.`);
  if (!stat.isDirectory()) throw new UserError(`${target} is a file, not a folder: ${what} needs a folder.`);
  return target;
}

/** Creates `dir` (and its parents) when missing; refuses a file in its place. */
export function ensureFolder(dir: string, what: string): string {
  const target = path.resolve(dir);
  try {
    fs.mkdirSync(target, { recursive: true });
  } catch (err) {
    throw new UserError(`Cannot create the folder ${target} for ${what}: ${(err as Error).message}. Choose another folder.`);
  }
  return checkFolder(target, what);
}

/** `<home>/reports/<kind>-<model>-v<version>-<dataset>-<UTC time>.<format>` (the folder is created). */
export function defaultReportPath(home: string, kind: ReportKind, model: { name: string; version: number }, dataset: string, format: ReportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const dir = path.join(home, REPORTS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${kind}-${fileSafe(model.name, 'model')}-v${model.version}-${fileSafe(dataset, 'data')}-${stamp}.${format}`);
}

/** A temporary name beside `file` (same folder, so the rename is atomic). */
export function tempBeside(file: string, ext = ''): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp${ext}`);
}

/** Writes a file atomically; a failure leaves nothing behind and says what to do. */
export function writeAtomic(file: string, data: string | Buffer): number {
  const tmp = tempBeside(file);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`Cannot write ${file}: ${(err as Error).message}. Check that its folder exists and is writable, or choose another file.`);
  }
  return fs.statSync(file).size;
}

/** Moves a finished temporary file into place. */
export function moveIntoPlace(tmp: string, file: string): number {
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`Cannot write ${file}: ${(err as Error).message}. Check that its folder is writable, or choose another file.`);
  }
  return fs.statSync(file).size;
}

/** Writes `<id>.csv` and `<id>.json` of every table into `dir`; returns the files written. */
export function writeTables(dir: string, tables: readonly ReportTable[]): string[] {
  const files: string[] = [];
  for (const t of tables) {
    for (const [ext, text] of [['csv', tableCsv(t)], ['json', tableJson(t)]] as const) {
      const file = path.join(dir, `${t.id}.${ext}`);
      writeAtomic(file, text);
      files.push(file);
    }
  }
  return files;
}
