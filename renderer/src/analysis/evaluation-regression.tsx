/**
 * Forecast and regression results of the evaluation report: the model against every baseline on
 * the same windows (best value per metric marked, the improvement over the best baseline called
 * out), the error per horizon step, and the interval coverage per step.
 */
import { useMemo } from 'react';
import type { Improvement, IntervalCoverage, RegressionEvaluation } from '../../../shared/evaluation/analysis-types';
import type { RegressionReport } from '../../../shared/evaluation/metrics';
import { coverageChart, stepErrorChart } from './evaluation-charts';
import { fmtNumber, fmtPct } from '../common/format';
import { Plot } from '../common/plot';

/** A metric column: how to read it and whether lower is better. */
const COLUMNS: { key: keyof RegressionReport; label: string; title: string; lower: boolean; fmt: (v: number) => string }[] = [
  { key: 'mae', label: 'MAE', title: 'Mean absolute error, in target units', lower: true, fmt: fmtNumber },
  { key: 'rmse', label: 'RMSE', title: 'Root mean squared error, in target units', lower: true, fmt: fmtNumber },
  { key: 'mape', label: 'MAPE', title: 'Mean absolute percentage error (over non-zero actual values)', lower: true, fmt: (v) => `${v.toFixed(2)}%` },
  { key: 'smape', label: 'sMAPE', title: 'Symmetric mean absolute percentage error', lower: true, fmt: (v) => `${v.toFixed(2)}%` },
  { key: 'mase', label: 'MASE', title: 'MAE divided by the in-sample naive MAE (below 1 beats the naive forecast)', lower: true, fmt: fmtNumber },
  { key: 'r2', label: 'R²', title: 'Coefficient of determination (1 is perfect)', lower: false, fmt: fmtNumber },
  { key: 'within5pct', label: 'Within 5%', title: 'Share of predictions within 5% of the actual value', lower: false, fmt: (v) => fmtPct(v) },
];

/** The improvement over the best baseline as one highlighted line. */
export function ImprovementNote({ improvement, unit = '' }: { improvement: Improvement | null; unit?: string }) {
  if (!improvement) return null;
  const better = improvement.percent > 0;
  return (
    <div className={`improvement ${better ? 'is-better' : 'is-worse'}`} data-testid="improvement">
      <span className="improvement-figure">
        {Math.abs(improvement.percent).toFixed(1)}% {better ? 'lower' : 'higher'}
      </span>
      <span>
        {improvement.metric.toUpperCase()} than the best baseline, <strong>{improvement.baseline}</strong>: {fmtNumber(improvement.model)}
        {unit} against {fmtNumber(improvement.reference)}
        {unit}.
      </span>
    </div>
  );
}

/** The metrics table: model first, then each baseline; the best value of each column is bold. */
function MetricsTable({ r }: { r: RegressionEvaluation }) {
  const rows = [{ key: 'model', label: 'Model', detail: `${r.targets.join(', ')} · ${r.horizon} step${r.horizon === 1 ? '' : 's'} ahead`, report: r.model as RegressionReport }, ...r.baselines.map((b) => ({ key: b.key, label: b.label, detail: b.detail, report: b as RegressionReport }))];
  const best = new Map(
    COLUMNS.map((c) => {
      const values = rows.map((row) => row.report[c.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      return [c.key, values.length ? (c.lower ? Math.min(...values) : Math.max(...values)) : null];
    }),
  );
  return (
    <div className="table-wrap">
      <table className="table compact metrics-table" data-testid="metrics-table">
        <thead>
          <tr>
            <th>Forecaster</th>
            {COLUMNS.map((c) => (
              <th key={c.key} className="num" title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.key === 'model' ? 'is-model' : undefined} data-testid={`metrics-row-${row.key}`}>
              <td>
                <div className="strong">{row.label}</div>
                <div className="muted small">{row.detail}</div>
              </td>
              {COLUMNS.map((c) => {
                const v = row.report[c.key];
                const isBest = typeof v === 'number' && v === best.get(c.key);
                return (
                  <td key={c.key} className={`num mono${isBest ? ' is-best' : ''}`} title={isBest ? 'best in this column' : undefined}>
                    {typeof v === 'number' ? c.fmt(v) : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Renders the regression cards of a report. */
export function RegressionSection({ r }: { r: RegressionEvaluation }) {
  const steps = useMemo(() => stepErrorChart(r), [r]);
  return (
    <>
      <section className="card" data-testid="regression-metrics">
        <div className="card-header">
          <h2 className="card-title">Model against the baselines</h2>
          <span className="muted small">Same test windows for all · best value per column in bold · errors in target units</span>
        </div>
        <div className="card-body">
          <ImprovementNote improvement={r.improvement} />
        </div>
        <MetricsTable r={r} />
      </section>
      {r.horizon > 1 && (
        <section className="card">
          <div className="card-header">
            <h2 className="card-title">Error per horizon step</h2>
            <span className="muted small">How the error grows with the distance ahead</span>
          </div>
          <Plot data={steps.data} layout={steps.layout} testId="step-error-chart" filename="lstm-studio-step-error" />
        </section>
      )}
    </>
  );
}

/** Nominal against measured interval coverage, overall and per step, with each step's half-width. */
export function CoverageSection({ c, unit }: { c: IntervalCoverage; unit: string }) {
  const chart = useMemo(() => coverageChart(c), [c]);
  const off = Math.abs(c.measured - c.nominal) > 0.05;
  return (
    <section className="card" data-testid="coverage">
      <div className="card-header">
        <h2 className="card-title">Interval coverage</h2>
        <span className="muted small" title={c.method}>
          Split conformal, calibrated on {fmtNumber(c.calibrationWindows)} validation windows
        </span>
      </div>
      <div className="card-body coverage-head">
        <div>
          <div className="stat-label">Nominal</div>
          <div className="stat-value">{fmtPct(c.nominal, 0)}</div>
        </div>
        <div>
          <div className="stat-label">Measured on these windows</div>
          <div className={`stat-value ${off ? 'text-warning' : ''}`} data-testid="coverage-measured">
            {fmtPct(c.measured)}
          </div>
        </div>
        <div className="muted small coverage-note">
          {off ? 'More than 5 points from nominal: these windows behave differently from the validation data.' : 'Within 5 points of nominal: the intervals are calibrated.'}
          <br />
          Half-width per step ({unit}): {c.perStep.map((s) => fmtNumber(s.halfWidth[0])).join(' · ')}
        </div>
      </div>
      {c.perStep.length > 1 && <Plot data={chart.data} layout={chart.layout} testId="coverage-chart" filename="lstm-studio-coverage" />}
    </section>
  );
}
