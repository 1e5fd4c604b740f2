/** The report operations of the API contract: make a report (a job with progress and cancel), show one in its folder. */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';
import type { AppContext } from '../app/context';
import { downloadableReport, planReport, runReport } from './make-report';
import { REPORTS_DIR } from './report-files';
import type { PdfPrinter } from './pdf-chromium';

/** What the desktop app adds: its own PDF printer and the system file manager. */
export interface ReportHooks {
  printPdf?: PdfPrinter;
  showFile?: (file: string) => void;
}

/** Implements reports:create and reports:show. */
export function createReportHandlers(ctx: AppContext, hooks: ReportHooks = {}): Pick<Handlers, 'reports:create' | 'reports:show'> {
  return {
    'reports:create': async (req) => {
      const plan = planReport(ctx, req, hooks.printPdf);
      const jobId = typeof req.jobId === 'string' && req.jobId ? req.jobId : `report-${randomUUID()}`;
      return ctx.jobs.run(jobId, 'report', (job) => runReport(ctx, plan, job));
    },
    'reports:show': async ({ path: file }) => {
      if (!hooks.showFile) throw new UserError('There is no file manager here: open the file from its folder instead.');
      const target = path.resolve(String(file));
      if (!fs.existsSync(target)) throw new UserError(`There is no file ${target} any more: make the report again.`);
      const reports = path.join(ctx.home, REPORTS_DIR);
      if (path.dirname(target) !== reports || downloadableReport(ctx.home, path.basename(target)) === null) {
        throw new UserError(`Only reports in ${reports} are shown in the file manager; ${target} is not one.`);
      }
      hooks.showFile(target);
      return { shown: true };
    },
  };
}
