/** RUL results of the evaluation report: RMSE, MAE and the PHM08 score against the baselines (constant, linear on the last step), and predicted against actual. */
import { useMemo } from 'react';
import type { RulEvaluation } from '../../../shared/evaluation/analysis-types';
import { rulScatterChart } from './evaluation-charts';
import { fmtCount, fmtNumber } from '../common/format';
import { ImprovementNote } from './evaluation-regression';
import { Plot } from '../common/plot';

/** Renders the RUL metrics table and scatter. */
export function RulSection({ r }: { r: RulEvaluation }) {
  const chart = useMemo(() => rulScatterChart(r), [r]);
  const baselines = r.baselines ?? [{ key: 'mean' as const, detail: '', ...r.baseline }];
  const rows: { name: string; title: string; model: number; baselines: number[] }[] = [
    { name: 'RMSE', title: 'Root mean squared error of the remaining life, in steps', model: r.rmse, baselines: baselines.map((b) => b.rmse) },
    { name: 'MAE', title: 'Mean absolute error of the remaining life, in steps', model: r.mae, baselines: baselines.map((b) => b.mae) },
    {
      name: 'PHM08 score',
      title: `Summed over the last window of ${r.phm08Entities} entities: exp(-d/13)-1 for early predictions (d<0), exp(d/10)-1 for late ones; lower is better`,
      model: r.phm08,
      baselines: baselines.map((b) => b.phm08),
    },
  ];
  return (
    <>
      <section className="card" data-testid="rul-metrics">
        <div className="card-header">
          <h2 className="card-title">Remaining life against the baselines</h2>
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
                {baselines.map((b) => (
                  <th key={b.key} className="num" title={b.detail}>
                    {b.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name}>
                  <td title={row.title}>{row.name}</td>
                  <td className={`num mono${row.model <= Math.min(...row.baselines) ? ' is-best' : ''}`}>{fmtNumber(row.model)}</td>
                  {row.baselines.map((v, k) => (
                    <td key={baselines[k].key} className={`num mono${v < row.model && v === Math.min(...row.baselines) ? ' is-best' : ''}`}>
                      {fmtNumber(v)}
                    </td>
                  ))}
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
