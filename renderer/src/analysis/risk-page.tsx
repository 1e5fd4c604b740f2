/**
 * The Fleet risk page: every entity's failure risk from forecasts crossing the user's alarm limits
 * (forecast models) or from the predicted remaining life (RUL models), ranked, sortable and
 * exportable as CSV.
 */
import { useEffect, useMemo, useState } from 'react';
import { csvText, riskCsv } from '../../../shared/evaluation/analysis-csv';
import type { RiskLevel, RiskReport } from '../../../shared/evaluation/analysis-types';
import { riskTable } from '../../../shared/reports/analysis-tables';
import { fileSafe } from '../../../shared/reports/table-format';
import { useAnalysisPage } from './analysis-page-state';
import { getApi } from '../common/api-client';
import { saveBlob } from '../common/download';
import { fmtCount } from '../common/format';
import type { AnalysisRoute } from '../common/route';
import { ExportReportButton } from '../reports/export-report-button';
import { AnalysisHeader, BeforeRun, CoveragePicker, ResultNotes } from './analysis-common';
import { AnalysisToolbar } from './analysis-toolbar';
import { RiskLimits, parseLimits, suggestLimit, type LimitDraft } from './risk-limits';
import { RiskTable } from './risk-table';
import { useDatasets } from '../datasets/dataset-queries';

const LEVELS: RiskLevel[] = ['high', 'medium', 'low'];

/** Renders the pickers, the limits editor and the ranked table. */
export function RiskPage({ route, navigate }: { route: AnalysisRoute; navigate: (r: AnalysisRoute) => void }) {
  const datasets = useDatasets();
  const page = useAnalysisPage<RiskReport>(route, navigate);
  const { target, job, busy } = page;
  const [coverage, setCoverage] = useState(0.9);
  const [drafts, setDrafts] = useState<LimitDraft[]>([]);

  const isForecast = target.model?.summary.task === 'forecast';
  const profiles = useMemo(() => target.detail?.columns ?? [], [target.detail]);
  const columns = useMemo(() => {
    const fromRun = target.run?.config.input.targets ?? [];
    return fromRun.length > 0 ? fromRun : profiles.filter((p) => p.type === 'number' && p.role === 'feature').map((p) => p.name);
  }, [target.run, profiles]);
  // A first limit on the first forecast column, suggested from the data, once its columns are known.
  useEffect(() => {
    setDrafts(isForecast && columns.length > 0 ? [suggestLimit(columns[0], profiles.find((p) => p.name === columns[0]))] : []);
  }, [isForecast, columns, profiles]);

  const limits = parseLimits(drafts);
  const run = () => page.start((jobId, model, datasetId) => getApi().risk.run({ jobId, model, datasetId, coverage, ...(isForecast && limits ? { limits } : {}) }));

  const report = job.result;
  const tables = useMemo(() => (report ? [riskTable(report)] : []), [report]);
  const datasetId = target.datasetId;
  const counts = report ? LEVELS.map((l) => ({ level: l, n: report.rows.filter((r) => r.level === l).length })) : [];
  const exportCsv = () =>
    report && saveBlob(`risk-${fileSafe(report.model.name, 'fleet')}-v${report.model.version}-${fileSafe(report.datasetName, 'fleet')}.csv`, new Blob([csvText(riskCsv(report))], { type: 'text/csv;charset=utf-8' }));
  return (
    <div className="page analysis-page" data-testid="risk-page">
      <AnalysisHeader page={page} navigate={navigate} subtitle="Which assets need maintenance first: a risk score, the expected time to failure and what to do, across the fleet."
        actions={
          report &&
          datasetId !== null && <ExportReportButton target={{ kind: 'risk', model: `${report.model.name}@${report.model.version}`, datasetId, coverage, ...(report.limits.length > 0 ? { limits: report.limits } : {}) }} tables={tables} />
        }
      />
      <AnalysisToolbar
        page={page}
        datasets={datasets}
        runLabel="Rank the fleet"
        onRun={run}
        runBlocked={isForecast && (drafts.length === 0 || !limits) ? 'Each alarm limit needs a number.' : null}
      >
        <CoveragePicker value={coverage} onChange={setCoverage} disabled={busy} />
      </AnalysisToolbar>
      {target.model && (
        <section className="card">
          <div className="card-body">
            {isForecast ? (
              <RiskLimits drafts={drafts} columns={columns} profiles={profiles} disabled={busy} onChange={setDrafts} />
            ) : (
              <div className="muted" data-testid="risk-rul-note">
                A remaining-life model ranks the fleet by each asset&apos;s predicted remaining life: no alarm limits needed.
              </div>
            )}
          </div>
        </section>
      )}

      {!report ? (
        job.status === 'idle' && (
          <BeforeRun>
            {isForecast ? 'Set the alarm limits that mean trouble, then ' : 'Choose a model and a dataset, then '}
            <strong>Rank the fleet</strong>: every asset&apos;s latest data is scored and the list is ranked from the highest risk down.
          </BeforeRun>
        )
      ) : (
        <div className={`analysis-result${busy ? ' is-stale' : ''}`} data-testid="risk-result">
          <section className="card">
            <div className="card-header">
              <div>
                <h2 className="card-title">Maintenance list</h2>
                <div className="muted small">
                  {fmtCount(report.rows.length)} {report.rows.length === 1 ? 'entity' : 'entities'} of {report.datasetName} ·{' '}
                  {report.source === 'rul' ? 'by predicted remaining life' : `limits: ${report.limits.map((l) => `${l.column} ${l.op} ${l.value}`).join(', ')}`}
                </div>
              </div>
              <div className="card-header-tools">
                <span className="risk-counts" data-testid="risk-counts">
                  {counts.map((c) => (
                    <span key={c.level} className={`risk-level risk-${c.level}`}>
                      {c.n} {c.level}
                    </span>
                  ))}
                </span>
                <button type="button" className="button small" onClick={exportCsv} disabled={report.rows.length === 0} data-testid="risk-export">
                  Export CSV
                </button>
              </div>
            </div>
            {report.rows.length === 0 ? <div className="placeholder">No entity has enough rows to be scored.</div> : <RiskTable report={report} />}
          </section>
          <ResultNotes notes={report.notes} />
        </div>
      )}
    </div>
  );
}
