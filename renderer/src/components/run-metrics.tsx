/** Validation metrics of a run or model, as compact "name value" pairs. */
import { fmtNumber, fmtPct } from '../format';

/** Metric names shown in this order first; others follow alphabetically. */
const ORDER = ['accuracy', 'f1', 'mae', 'rmse', 'mape', 'loss', 'baseline_mae', 'baseline_rmse'];

/** Formats one metric: shares as percentages, the rest as numbers. */
export function fmtMetric(name: string, value: number): string {
  return /accuracy|f1|precision|recall/i.test(name) ? fmtPct(value) : fmtNumber(value);
}

/** The metric names of a record, in display order. */
export function metricNames(metrics: Record<string, number>): string[] {
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return Object.keys(metrics).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Renders the metrics inline; `limit` keeps the first few (the rest in the tooltip). */
export function RunMetrics({ metrics, limit }: { metrics: Record<string, number>; limit?: number }) {
  const names = metricNames(metrics);
  if (names.length === 0) return <span className="muted">—</span>;
  const shown = limit ? names.slice(0, limit) : names;
  const all = names.map((n) => `${n} ${fmtMetric(n, metrics[n])}`).join(' · ');
  return (
    <span className="metric-list" title={all} data-testid="run-metrics">
      {shown.map((n) => (
        <span key={n} className="metric">
          <span className="metric-name">{n}</span> <span className="mono">{fmtMetric(n, metrics[n])}</span>
        </span>
      ))}
      {shown.length < names.length && <span className="muted">+{names.length - shown.length}</span>}
    </span>
  );
}

/**
 * How the model compares with the baseline reported beside it (e.g. repeating the last value), by
 * MAE (else RMSE, else accuracy): null when the metrics hold no baseline.
 */
export function BaselineNote({ metrics }: { metrics: Record<string, number> }) {
  const name = ['mae', 'rmse', 'accuracy'].find((n) => metrics[n] !== undefined && metrics[`baseline_${n}`] !== undefined);
  if (!name) return null;
  const model = metrics[name];
  const base = metrics[`baseline_${name}`];
  const higherIsBetter = name === 'accuracy';
  const better = higherIsBetter ? model > base : model < base;
  const change = base !== 0 ? Math.abs(model - base) / Math.abs(base) : null;
  return (
    <div className={`baseline-note ${better ? 'is-better' : 'is-worse'}`} data-testid="baseline-note">
      {name.toUpperCase()} {fmtMetric(name, model)} vs. baseline {fmtMetric(name, base)}:{' '}
      <strong>
        {change !== null ? `${fmtPct(change, 0)} ` : ''}
        {better ? 'better' : 'worse'}
      </strong>
    </div>
  );
}
