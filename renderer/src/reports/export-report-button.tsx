/**
 * "Export report" for any results page: a menu that writes the report to hand over (one
 * self-contained HTML file, or a PDF) as a job with progress and Cancel, then downloads it (browser
 * mode) or shows where it was saved (desktop app); and downloads each of the page's tables as CSV
 * or JSON. Drop it into a page header: `<ExportReportButton target={...} tables={...} />`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportFormat, ReportRequest, ReportResult, ReportTable } from '../../../shared/reports/types';
import { fmtBytes } from '../../../shared/format';
import { fileSafe, tableCsv, tableJson } from '../../../shared/reports/table-format';
import { isBusy, useAnalysisJob } from '../common/analysis-job';
import { getApi } from '../common/api-client';
import { saveBlob, saveUrl } from '../common/download';
import { useDismiss } from '../common/use-dismiss';
import { AlertIcon } from '../common/icons';
import { JobProgressView } from '../common/progress-bar';

/** What the report is of: everything of `reports:create` but the format, the job and the file. */
export type ReportTarget = Omit<ReportRequest, 'format' | 'jobId' | 'path' | 'tablesDir'>;

/** True inside the desktop app (its preload exposes the API); false in browser mode. */
function inDesktopApp(): boolean {
  return typeof window !== 'undefined' && window.studio !== undefined;
}

/** Where browser mode downloads a report written under `<home>/reports/`. */
function downloadRoute(file: string): { name: string; url: string } {
  const name = file.split(/[\\/]/).pop() ?? file;
  return { name, url: `/api/reports/${encodeURIComponent(name)}` };
}

/** Renders the button and its menu. `target` null disables the report (tables still download). */
export function ExportReportButton({ target, tables = [], label = 'Export report' }: { target: ReportTarget | null; tables?: ReportTable[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const job = useAnalysisJob<ReportResult>();
  const busy = isBusy(job.status);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);

  const make = (format: ReportFormat) => target && void job.run((jobId) => getApi().reports.create({ ...target, format, jobId }));
  // Browser mode: the finished file downloads at once (the route is guarded by the page's token cookie).
  const result = job.status === 'done' ? job.result : null;
  useEffect(() => {
    if (result && !inDesktopApp()) {
      const { name, url } = downloadRoute(result.path);
      saveUrl(name, url);
    }
  }, [result]);

  const base = target ? fileSafe(target.model.replace('@', '-v'), 'report') : 'table';
  const saveTable = (t: ReportTable, kind: 'csv' | 'json') =>
    saveBlob(`${base}-${t.id}.${kind}`, new Blob([kind === 'csv' ? tableCsv(t) : tableJson(t)], { type: kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }));
  const fraction = job.progress?.fraction ?? null;
  return (
    <div className="export-report" ref={ref} data-testid="export-report">
      <button type="button" className="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-haspopup="dialog" data-testid="export-report-button">
        {busy ? `Exporting${fraction !== null ? ` ${Math.floor(fraction * 100)}%` : '…'}` : label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover export-popover" role="dialog" aria-label="Export" data-testid="export-popover">
          <div className="export-section">
            <div className="export-title">Report</div>
            <p className="muted small">One file to hand over: the data, the model, the metrics, charts and tables, and where it was made. It opens without a network.</p>
            <div className="export-actions">
              <button type="button" className="button small primary" onClick={() => make('html')} disabled={!target || busy} data-testid="export-html">
                HTML
              </button>
              <button type="button" className="button small" onClick={() => make('pdf')} disabled={!target || busy} data-testid="export-pdf">
                PDF
              </button>
              {busy && (
                <button type="button" className="button small danger-outline" onClick={() => void job.cancel()} disabled={job.status === 'cancelling'} data-testid="export-cancel">
                  {job.status === 'cancelling' ? 'Stopping…' : 'Cancel'}
                </button>
              )}
            </div>
            {busy && <JobProgressView job={job} testId="export-progress" />}
            {result && <ReportSaved result={result} />}
            {job.status === 'failed' && job.error && (
              <div className="alert alert-error" data-testid="export-error">
                <AlertIcon />
                <div className="alert-message">{job.error}</div>
              </div>
            )}
            {job.status === 'cancelled' && (
              <div className="muted small" data-testid="export-cancelled">
                Cancelled: no file was written.
              </div>
            )}
          </div>
          {tables.length > 0 && (
            <div className="export-section">
              <div className="export-title">Tables</div>
              <ul className="export-tables" data-testid="export-tables">
                {tables.map((t) => (
                  <li key={t.id}>
                    <span className="export-table-name" title={t.title}>
                      {t.title}
                    </span>
                    <button type="button" className="link small" onClick={() => saveTable(t, 'csv')} data-testid={`export-csv-${t.id}`}>
                      CSV
                    </button>
                    <button type="button" className="link small" onClick={() => saveTable(t, 'json')} data-testid={`export-json-${t.id}`}>
                      JSON
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** Where the finished report went: a download link (browser mode) or Show in folder (desktop). */
function ReportSaved({ result }: { result: ReportResult }) {
  const { name, url } = downloadRoute(result.path);
  const show = () => void getApi().reports.show({ path: result.path }).catch(() => undefined);
  return (
    <div className="export-done" data-testid="export-done">
      <div>
        <strong>{result.format.toUpperCase()} report</strong> · {fmtBytes(result.bytes)}
      </div>
      <div className="muted small export-path" title={result.path}>
        {inDesktopApp() ? `Saved to ${result.path}` : name}
      </div>
      {inDesktopApp() ? (
        <button type="button" className="button small" onClick={show} data-testid="export-show">
          Show in folder
        </button>
      ) : (
        <a className="button small" href={url} download={name} data-testid="export-download">
          Download again
        </a>
      )}
    </div>
  );
}
