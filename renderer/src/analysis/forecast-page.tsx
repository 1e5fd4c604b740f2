/**
 * The Forecast page: H steps ahead for one entity from its latest data, with calibrated intervals,
 * the reliability of the input window beside the prediction, and the steps as a table.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ForecastResult } from '../../../shared/evaluation/analysis-types';
import { forecastTable } from '../../../shared/reports/analysis-tables';
import { useAnalysisPage } from './analysis-page-state';
import { getApi } from '../common/api-client';
import { forecastChart } from './forecast-chart';
import { fmtCount, fmtInterval, fmtNumber, fmtTableTime } from '../common/format';
import type { AnalysisRoute } from '../common/route';
import { ExportReportButton } from '../reports/export-report-button';
import { AnalysisHeader, BeforeRun, CoveragePicker, ResultNotes } from './analysis-common';
import { AnalysisToolbar } from './analysis-toolbar';
import { Plot } from '../common/plot';
import { ReliabilityBadge } from './reliability-badge';
import { useDatasets } from '../datasets/dataset-queries';

/** Reasons as one sentence: "a; b." */
function sentence(reasons: string[]): string {
  return `${reasons.join('; ')}.`;
}

/** History choices, in input windows. */
const HISTORY_WINDOWS = [1, 2, 5, 10, 20];

/** One target's chart. */
function TargetChart({ f, index, timeColumn }: { f: ForecastResult; index: number; timeColumn: string | null }) {
  const chart = useMemo(() => forecastChart(f, f.targets[index], timeColumn), [f, index, timeColumn]);
  return <Plot data={chart.data} layout={chart.layout} testId="forecast-chart" filename={`lstm-studio-forecast-${f.targets[index].name}`} />;
}

/** The forecast steps: time, and for each target the point forecast and its interval bounds. */
function StepsTable({ f }: { f: ForecastResult }) {
  const first = f.targets[0];
  const pct = Math.round(f.coverage * 100);
  const several = f.targets.length > 1;
  return (
    <div className="table-wrap">
      <table className="table compact" data-testid="forecast-table">
        <thead>
          <tr>
            <th className="num">Step</th>
            <th>Time</th>
            {f.targets.flatMap((t) => [
              <th key={`${t.name}-p`} className="num">
                {t.name} forecast
              </th>,
              <th key={`${t.name}-l`} className="num" title={`Lower end of the ${pct}% interval`}>
                {several ? `${t.name} lower` : `Lower (${pct}%)`}
              </th>,
              <th key={`${t.name}-u`} className="num" title={`Upper end of the ${pct}% interval`}>
                {several ? `${t.name} upper` : `Upper (${pct}%)`}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {first.forecast.time.map((time, h) => (
            <tr key={time} data-testid="forecast-row">
              <td className="num mono">{h + 1}</td>
              <td className="mono">{fmtTableTime(time, f.timeKind)}</td>
              {f.targets.flatMap((t) => [
                <td key={`${t.name}-p`} className="num mono strong">
                  {fmtNumber(t.forecast.point[h])}
                </td>,
                <td key={`${t.name}-l`} className="num mono muted">
                  {fmtNumber(t.forecast.lower[h])}
                </td>,
                <td key={`${t.name}-u`} className="num mono muted">
                  {fmtNumber(t.forecast.upper[h])}
                </td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Renders the pickers and the forecast. */
export function ForecastPage({ route, navigate }: { route: AnalysisRoute; navigate: (r: AnalysisRoute) => void }) {
  const datasets = useDatasets();
  const page = useAnalysisPage<ForecastResult>(route, navigate);
  const { target, job, busy } = page;
  const [entity, setEntity] = useState('');
  const [horizon, setHorizon] = useState('');
  const [coverage, setCoverage] = useState(0.9);
  const [history, setHistory] = useState(2);
  const ref = target.model?.ref ?? null;
  const datasetId = target.datasetId;
  useEffect(() => setEntity(''), [ref, datasetId]);

  const maxHorizon = job.result?.model.horizon ?? target.run?.config.input.horizon ?? null;
  const window = job.result?.model.window ?? target.run?.config.input.window ?? null;
  useEffect(() => setHorizon(maxHorizon === null ? '' : String(maxHorizon)), [maxHorizon, ref]);
  const entities = target.detail?.entities.map((e) => e.name) ?? job.result?.entities ?? [];
  const h = horizon.trim() === '' ? undefined : Number(horizon);
  const horizonOk = h === undefined || (Number.isInteger(h) && h >= 1 && (maxHorizon === null || h <= maxHorizon));
  const run = () =>
    page.start((jobId, model, id) =>
      getApi().forecast.run({ jobId, model, datasetId: id, coverage, historySteps: window !== null ? history * window : undefined, ...(entity ? { entity } : {}), ...(h !== undefined ? { horizon: h } : {}) }),
    );

  const f = job.result;
  const tables = useMemo(() => (f ? [forecastTable(f)] : []), [f]);
  const timeColumn = datasets?.find((d) => d.id === datasetId)?.timeColumn ?? null;
  return (
    <div className="page analysis-page" data-testid="forecast-page">
      <AnalysisHeader page={page} navigate={navigate} subtitle="What the model expects next for one asset, from its latest data, with a calibrated interval."
        actions={f && datasetId !== null && <ExportReportButton target={{ kind: 'model', model: `${f.model.name}@${f.model.version}`, datasetId, coverage: f.coverage, entities: [f.entity] }} tables={tables} />}
      />
      <AnalysisToolbar
        page={page}
        datasets={datasets}
        runLabel="Forecast"
        onRun={run}
        runBlocked={horizonOk ? null : `The horizon is a whole number from 1 to ${maxHorizon ?? 'the model horizon'}.`}
      >
        {entities.length > 1 && (
          <label className="field">
            <span className="field-label">Entity</span>
            <select value={entity || entities[0]} onChange={(e) => setEntity(e.target.value)} disabled={busy} data-testid="forecast-entity">
              {entities.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field" title="Steps ahead, from 1 to the horizon the model was trained for">
          <span className="field-label">Horizon{maxHorizon !== null ? ` (1–${maxHorizon})` : ''}</span>
          <input type="number" min={1} max={maxHorizon ?? undefined} value={horizon} onChange={(e) => setHorizon(e.target.value)} className={`num-input${horizonOk ? '' : ' invalid'}`} disabled={busy} data-testid="forecast-horizon" />
        </label>
        <CoveragePicker value={coverage} onChange={setCoverage} disabled={busy} />
        {window !== null && (
          <label className="field" title="How much recent history the chart shows, in input windows">
            <span className="field-label">History</span>
            <select value={history} onChange={(e) => setHistory(Number(e.target.value))} disabled={busy} data-testid="forecast-history">
              {HISTORY_WINDOWS.map((k) => (
                <option key={k} value={k}>
                  {fmtCount(k * window)} steps
                </option>
              ))}
            </select>
          </label>
        )}
      </AnalysisToolbar>

      {!f ? (
        job.status === 'idle' && <BeforeRun>Choose a forecast model, a dataset and an entity, then <strong>Forecast</strong>: the chart shows its recent history, the forecast and the interval band.</BeforeRun>
      ) : (
        <div className={`analysis-result${busy ? ' is-stale' : ''}`} data-testid="forecast-result">
          <section className="card">
            <div className="card-header">
              <div>
                <h2 className="card-title">
                  {f.entity === 'all' && f.entities.length === 1 ? f.datasetName : f.entity}: next {f.horizon} step{f.horizon === 1 ? '' : 's'}
                </h2>
                <div className="muted small">
                  {f.model.name} v{f.model.version} · one step = {fmtInterval(f.step, f.timeKind)} · {Math.round(f.coverage * 100)}% split-conformal interval
                </div>
              </div>
              <div className="forecast-reliability">
                <span className="muted small">Input window</span>
                <ReliabilityBadge flag={f.reliability.flag} detail={f.reliability} />
              </div>
            </div>
            {f.reliability.reasons.length > 0 && (
              <div className="card-body reliability-reasons" data-testid="forecast-reasons">
                <strong>{f.reliability.flag === 'unreliable' ? 'Do not act on this forecast alone' : 'Check before acting'}:</strong> {sentence(f.reliability.reasons)}
              </div>
            )}
            {f.targets.map((t, i) => (
              <TargetChart key={t.name} f={f} index={i} timeColumn={timeColumn} />
            ))}
          </section>
          <section className="card">
            <div className="card-header">
              <h2 className="card-title">Forecast steps</h2>
              <span className="muted small">In target units</span>
            </div>
            <StepsTable f={f} />
          </section>
          <ResultNotes notes={f.notes} />
        </div>
      )}
    </div>
  );
}
