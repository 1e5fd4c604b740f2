/**
 * `lstm-studio report`: resolves the data (importing a file once), makes the report through the API
 * as a job with progress on stderr (Ctrl-C cancels), and says where it went (or, with --json,
 * prints the API's result).
 */
import * as path from 'node:path';
import { fmtBytes } from '../../shared/format';
import { followJob } from './analysis-command';
import { resolveDataset } from './data-source';
import { printJson, type CliIo } from './io';
import type { ReportCliRequest } from './report-args';
import { withSession } from './session';

/** Runs `report`; exit code 0, or 1 for the user's errors and cancels (thrown). */
export async function runReportCommand(req: ReportCliRequest, io: CliIo): Promise<number> {
  return withSession(req.global, 'cli', io, async ({ api }) => {
    // A recorded drift check names its own model and dataset.
    const datasetId = req.data ? await resolveDataset(api, req.data, io) : 0;
    const result = await followJob(api, io, `Making the ${req.report} report of ${req.model}`, (jobId) =>
      api.reports.create({
        jobId,
        kind: req.report,
        model: req.model,
        datasetId,
        format: req.format,
        path: path.resolve(req.out),
        ...(req.limits.length > 0 ? { limits: req.limits } : {}),
        ...(req.coverage !== undefined ? { coverage: req.coverage } : {}),
        ...(req.entities ? { entities: req.entities } : {}),
        ...(req.checkId !== undefined ? { driftCheckId: req.checkId } : {}),
        ...(req.tables ? { tablesDir: path.resolve(req.tables) } : {}),
      }),
    );
    if (req.global.json) {
      printJson(io, result);
      return 0;
    }
    const lines = [
      `Wrote ${result.format.toUpperCase()} report "${result.title}" to ${result.path} (${fmtBytes(result.bytes)}).`,
      `Sections: ${result.sections.join(', ')}.`,
      `Tables: ${result.tables.map((t) => `${t.id} (${t.rows} rows)`).join(', ')}.`,
    ];
    if (result.tableFiles.length > 0) lines.push(`Wrote ${result.tableFiles.length} table files (CSV and JSON) to ${path.dirname(result.tableFiles[0])}.`);
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}
