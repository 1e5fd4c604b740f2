/**
 * The Evaluation page: the validation report of a model version on a dataset (its held-out test
 * split when it is the training data), always beside naive baselines on the same windows.
 */
import { useMemo, useState } from 'react';
import type { EvaluationReport } from '../../../shared/evaluation/analysis-types';
import { evaluationTables } from '../../../shared/reports/analysis-tables';
import { useAnalysisPage } from './analysis-page-state';
import { getApi } from '../common/api-client';
import { fmtCount, fmtDuration, fmtTimeValue } from '../common/format';
import type { AnalysisRoute } from '../common/route';
import { AnalysisHeader, BeforeRun, CoveragePicker, ResultNotes } from './analysis-common';
import { AnalysisToolbar } from './analysis-toolbar';
import { ExportReportButton } from '../reports/export-report-button';
import { BacktestSection } from './evaluation-backtest';
import { ClassificationSection } from './evaluation-classification';
import { CoverageSection, RegressionSection } from './evaluation-regression';
import { RulSection } from './evaluation-rul';
import { InlineCode } from '../common/inline-code';
import { ReliabilityCountsView } from './reliability-badge';
import { useDatasets } from '../datasets/dataset-queries';

/** The report's findings in sentences, with what was evaluated. */
function Findings({ report }: { report: EvaluationReport }) {
  const d = report.data;
  const [first, ...rest] = report.summary;
  return (
    <section className="card findings" data-testid="eval-summary">
      <div className="card-body">
        {first && <p className="findings-lead">{first}</p>}
        <ul className="findings-list">
          {rest.map((s) => (
            <li key={s}>
              <InlineCode text={s} />
            </li>
          ))}
        </ul>
        <div className="meta-line muted">
          <span>
            {report.model.name} v{report.model.version} · {report.model.task}
          </span>
          <span>{d.split === 'test' ? `test split of ${d.datasetName}` : `every window of ${d.datasetName}`}</span>
          <span>
            {fmtCount(d.windows)} windows · {fmtCount(d.entities)} {d.entities === 1 ? 'entity' : 'entities'}
          </span>
          {d.period && d.period.end > d.period.start && (
            <span>
              {fmtTimeValue(d.period.start, d.timeKind)} – {fmtTimeValue(d.period.end, d.timeKind)}
            </span>
          )}
          <span>
            {fmtDuration(report.durationMs)} on {report.backend}
          </span>
        </div>
      </div>
    </section>
  );
}

/** Renders the pickers, Run, and the report's sections for the model's task. */
export function EvaluationPage({ route, navigate }: { route: AnalysisRoute; navigate: (r: AnalysisRoute) => void }) {
  const datasets = useDatasets();
  const page = useAnalysisPage<EvaluationReport>(route, navigate);
  const { target, job, busy } = page;
  const [coverage, setCoverage] = useState(0.9);
  const [season, setSeason] = useState('');

  const seasonValue = season.trim() === '' ? undefined : Number(season);
  const seasonOk = seasonValue === undefined || (Number.isInteger(seasonValue) && seasonValue >= 2);
  const run = (backtest?: { entity: string; stride: number }) =>
    page.start((jobId, model, datasetId) =>
      getApi().evaluation.run({
        jobId,
        model,
        datasetId,
        coverage,
        ...(seasonValue !== undefined ? { season: seasonValue } : {}),
        ...(backtest ? { backtestEntity: backtest.entity, backtestStride: backtest.stride } : {}),
      }),
    );

  const report = job.result;
  const tables = useMemo(() => (report ? evaluationTables(report) : []), [report]);
  const task = target.model?.summary.task ?? null;
  const dataset = datasets?.find((d) => d.id === report?.data.datasetId) ?? null;
  return (
    <div className="page analysis-page" data-testid="evaluation-page">
      <AnalysisHeader page={page} navigate={navigate} subtitle="How good the model is on data it has not seen, beside naive baselines scored on the same windows."
        actions={report && <ExportReportButton target={{ kind: 'model', model: `${report.model.name}@${report.model.version}`, datasetId: report.data.datasetId, coverage: report.intervals?.nominal ?? coverage }} tables={tables} />}
      />
      <AnalysisToolbar
        page={page}
        datasets={datasets}
        runLabel="Evaluate"
        onRun={() => run()}
        runBlocked={seasonOk ? null : 'The season is a whole number of steps, 2 or more (or empty to detect it).'}
      >
        <CoveragePicker value={coverage} onChange={setCoverage} disabled={busy} />
        {(task === 'forecast' || task === 'regress') && (
          <label className="field" title="Season of the seasonal naive baseline, in steps (empty: detected)">
            <span className="field-label">Season</span>
            <input type="number" min={2} placeholder="auto" value={season} onChange={(e) => setSeason(e.target.value)} className={`num-input${seasonOk ? '' : ' invalid'}`} disabled={busy} data-testid="eval-season" />
          </label>
        )}
      </AnalysisToolbar>

      {!report ? (
        job.status === 'idle' && (
          <BeforeRun>
            Choose a model and a dataset, then <strong>Evaluate</strong>: the report scores the model on the held-out test split of its training data (or every window of another dataset) against the last value, seasonal naive and moving-average
            baselines.
          </BeforeRun>
        )
      ) : (
        <div className={`analysis-result${busy ? ' is-stale' : ''}`} data-testid="evaluation-report" data-task={report.model.task}>
          <Findings report={report} />
          {report.regression && <RegressionSection r={report.regression} />}
          {report.backtest && (
            <BacktestSection
              b={report.backtest}
              entities={report.backtest.entities}
              timeKind={report.data.timeKind}
              timeColumn={dataset?.timeColumn ?? null}
              busy={busy}
              onChange={run}
            />
          )}
          {report.rul && <RulSection r={report.rul} />}
          {report.classification && <ClassificationSection c={report.classification} />}
          <div className="two-col">
            {report.intervals && <CoverageSection c={report.intervals} unit={report.rul ? 'steps' : `${report.model.targetNames[0] ?? 'target'} units`} />}
            <section className="card" data-testid="eval-reliability">
              <div className="card-header">
                <h2 className="card-title">Reliability of the predictions</h2>
                <span className="muted small">Data-quality check of every input window</span>
              </div>
              <div className="card-body">
                <ReliabilityCountsView counts={report.reliability} />
                <p className="muted small">
                  <strong>Caution</strong> or <strong>unreliable</strong>: the window had missing values, values outside the training range or far from the training distribution
                  {report.model.task === 'classify' ? ', or the model was unsure between classes' : ''}.
                </p>
              </div>
            </section>
          </div>
          <ResultNotes notes={report.notes} />
        </div>
      )}
    </div>
  );
}
