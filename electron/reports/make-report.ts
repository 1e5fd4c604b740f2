/**
 * Makes one report as a job: checks the request and the output before any work, gathers the
 * analyses in the worker thread (progress, cancel), renders the HTML here, writes it atomically,
 * prints the PDF when asked (Electron's printToPDF in the app, headless Chromium elsewhere) and
 * writes every table as CSV and JSON when a tables folder is given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DatasetDetail } from '../../shared/dataset';
import type { DriftReport } from '../../shared/drift/types';
import { UserError } from '../../shared/errors';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportRequest, type ReportResult } from '../../shared/reports/types';
import type { AppContext } from '../app/context';
import type { JobHandle } from '../app/job-registry';
import { getDriftCheck } from '../drift/drift-repo';
import { runWorkerJob } from '../jobs/worker-job';
import { checkCoverage } from '../evaluation/calibration';
import { resolveModelRef } from '../registry/resolve-ref';
import { getDatasetDetail } from '../store/dataset-repo';
import { reportEnvironment } from './environment';
import { renderReport, type RenderedReport } from './html/report-html';
import { findChromium, noChromiumError, printWithChromium, type PdfPrinter } from './pdf-chromium';
import { checkOutputPath, ensureFolder, defaultReportPath, moveIntoPlace, REPORTS_DIR, tempBeside, writeAtomic, writeTables } from './report-files';

/** Share of the progress bar the analyses take; rendering and printing take the rest. */
const GATHER_SHARE = 0.9;

/** A request checked and resolved: the exact version, the dataset and where the file goes. */
interface Plan {
  req: ReportRequest & { model: string };
  model: { name: string; version: number };
  dataset: DatasetDetail;
  target: string;
  tablesDir: string | null;
  coverage: number;
  printer: PdfPrinter | null;
}

/** Checks everything that can be checked before the analyses run (so a bad --out fails at once). */
export function planReport(ctx: AppContext, req: ReportRequest, electronPrinter?: PdfPrinter): Plan {
  if (!REPORT_KINDS.includes(req.kind)) throw new UserError(`kind: "${String(req.kind)}" is not a report: use ${REPORT_KINDS.join(', ')}.`);
  if (!REPORT_FORMATS.includes(req.format)) throw new UserError(`format: "${String(req.format)}" is not a report format: use html or pdf.`);
  const recorded = req.kind === 'drift' && req.driftCheckId !== undefined ? recordedCheck(ctx, req.driftCheckId) : null;
  if (recorded) req = { ...req, model: `${recorded.model.name}@${recorded.model.version}`, datasetId: recorded.dataset.id };
  if (typeof req.model !== 'string' || !req.model.trim()) throw new UserError('reports:create needs `model`: a model reference such as pumps-forecast@1.');
  if (!Number.isInteger(req.datasetId)) throw new UserError('reports:create needs `datasetId`: the id of an imported dataset.');
  const coverage = checkCoverage(req.coverage);
  const summary = resolveModelRef(ctx.db, req.model);
  const dataset = getDatasetDetail(ctx.db, req.datasetId);
  const model = { name: summary.name, version: summary.version };
  const target = req.path ? checkOutputPath(req.path, req.format) : defaultReportPath(ctx.home, req.kind, model, dataset.summary.name, req.format);
  const tablesDir = req.tablesDir ? ensureFolder(req.tablesDir, 'the tables') : null;
  const printer = req.format === 'pdf' ? (electronPrinter ?? chromiumIfInstalled()) : null;
  return { req: { ...req, model: `${summary.name}@${summary.version}` }, model, dataset, target, tablesDir, coverage, printer };
}

/** A recorded drift check to report, whose dataset must still be in the project (the report shows it). */
function recordedCheck(ctx: AppContext, id: unknown): DriftReport {
  if (!Number.isInteger(id)) throw new UserError(`driftCheckId: ${String(id)} is not the id of a drift check (a whole number).`);
  const check = getDriftCheck(ctx.db, id as number);
  if (!check) throw new UserError(`There is no drift check ${String(id)}. Run \`lstm-studio drift --model NAME --data ID\` to make one.`);
  if (!ctx.db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(check.dataset.id)) {
    throw new UserError(`The dataset of drift check ${String(id)} (${check.dataset.name}, id ${check.dataset.id}) is no longer in the project: import it again and run a new check.`);
  }
  return check;
}

function chromiumIfInstalled(): PdfPrinter {
  if (!findChromium()) throw noChromiumError();
  return printWithChromium;
}

/** Runs a planned report as `job`. */
export async function runReport(ctx: AppContext, plan: Plan, job: JobHandle): Promise<ReportResult> {
  // The first update and the steps after the analyses always show (the rest are throttled).
  const progress = (phase: string, fraction: number | null, force = fraction === 0) => job.progress({ phase, fraction }, force);
  const data = await runWorkerJob(ctx, 'reports:gather', plan.req, job, ({ phase, fraction: f }) => progress(phase, f === null ? null : f * GATHER_SHARE));
  progress('Writing the report', GATHER_SHARE, true);
  const rendered = renderReport(data, reportEnvironment(ctx.mode, data.engine), plan.coverage);
  const bytes = await writeReport(rendered.html, plan, job.signal, progress);
  const tableFiles = plan.tablesDir ? writeTables(plan.tablesDir, rendered.tables) : [];
  return resultOf(plan, rendered, bytes, tableFiles);
}

/** Writes the HTML, or prints it into the PDF through a temporary HTML file beside the target. */
async function writeReport(html: string, plan: Plan, signal: AbortSignal, progress: (phase: string, f: number, force: boolean) => void): Promise<number> {
  if (!plan.printer) return writeAtomic(plan.target, html);
  const tmpHtml = tempBeside(plan.target, '.html');
  const tmpPdf = tempBeside(plan.target, '.pdf');
  try {
    writeAtomic(tmpHtml, html);
    progress('Printing the PDF', 0.95, true);
    await plan.printer(tmpHtml, tmpPdf, signal);
    return moveIntoPlace(tmpPdf, plan.target);
  } finally {
    fs.rmSync(tmpHtml, { force: true });
    fs.rmSync(tmpPdf, { force: true });
  }
}

function resultOf(plan: Plan, r: RenderedReport, bytes: number, tableFiles: string[]): ReportResult {
  return {
    path: plan.target,
    bytes,
    kind: plan.req.kind,
    format: plan.req.format as ReportFormat,
    title: r.title,
    model: plan.model,
    dataset: { id: plan.dataset.summary.id, name: plan.dataset.summary.name },
    createdAt: new Date().toISOString(),
    sections: r.sections,
    tables: r.tables.map((t) => ({ id: t.id, title: t.title, rows: t.rows.length })),
    tableFiles,
  };
}

/**
 * The report file a browser may download: a plain `.html`/`.pdf` name of a regular file directly in
 * `<home>/reports/` (that folder itself inside the home), never a symbolic link, hard link or folder.
 */
export function downloadableReport(home: string, name: string): string | null {
  if (!/^[\w.-]+\.(html|pdf)$/i.test(name) || name.startsWith('.')) return null;
  const dir = path.join(home, REPORTS_DIR);
  const file = path.join(dir, name);
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.nlink !== 1) return null;
  try {
    return fs.realpathSync(dir) === path.join(fs.realpathSync(home), REPORTS_DIR) ? file : null;
  } catch {
    return null;
  }
}
