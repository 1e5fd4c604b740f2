/** RUL results of the evaluation report: RMSE, MAE and the PHM08 score against the constant baseline, and predicted against actual. */
import { useMemo } from 'react';
import type { RulEvaluation } from '../../../shared/evaluation/analysis-types';
import { rulScatterChart } from '../evaluation-charts';
import { fmtCount, fmtNumber } from '../format';
import { ImprovementNote } from './evaluation-regression';
import { Plot } from './plot';

/** Renders the RUL metrics table and scatter. */
export function RulSection({ r }: { r: RulEvaluation }) {
  const chart = useMemo(() => rulScatterChart(r), [r]);
  const rows: { name: string; title: string; model: number; baseline: number }[] = [
    { name: 'RMSE', title: 'Root mean squared error of the remaining life, in steps', model: r.rmse, baseline: r.baseline.rmse },
    { name: 'MAE', title: 'Mean absolute error of the remaining life, in steps', model: r.mae, baseline: r.baseline.mae },
    {
      name: 'PHM08 score',
      title: `Summed over the last window of ${r.phm08Entities} entities: exp(-d/13)-1 for early predictions (d<0), exp(d/10)-1 for late ones; lower is better`,
      model: r.phm08,
      baseline: r.baseline.phm08,
    },
  ];
  return (
    <>
      <section className="card" data-testid="rul-metrics">
        <div className="card-header">
          <h2 className="card-title">Remaining life against the baseline</h2>
          <span className="muted small">Errors in steps · lower is better</span>
        </div>
        <div className="card-body">
          <ImprovementNote improvement={r.improvement} unit=" steps" />
        </div>
        <div className="table-wrap">
          <table className="table compact metrics-table" data-testid="metrics-table">
            <thead>
              <tr>
                <th>Metric</th>
                <th className="num">Model</th>
                <th className="num">{r.baseline.label}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name}>
                  <td title={row.title}>{row.name}</td>
                  <td className={`num mono${row.model <= row.baseline ? ' is-best' : ''}`}>{fmtNumber(row.model)}</td>
                  <td className={`num mono${row.baseline < row.model ? ' is-best' : ''}`}>{fmtNumber(row.baseline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <div className="card-header">
          <h2 className="card-title">Predicted against actual remaining life</h2>
          <span className="muted small">
            {fmtCount(r.points.length)} test windows · points on the dashed line are exact · above it: predicted too late
          </span>
        </div>
        <Plot data={chart.data} layout={chart.layout} testId="rul-chart" filename="lstm-studio-rul" />
      </section>
    </>
  );
}
