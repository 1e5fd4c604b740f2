/** Validation metrics of a run or model: compact "name value" pairs, a table, and how they compare with the baselines. */
import { baselineVerdict } from '../../../shared/evaluation/baseline-verdict';
import type { Task } from '../../../shared/model/variant';
import { fmtNumber, fmtPct } from '../common/format';
import { InlineCode } from '../common/inline-code';

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
 * How the model compares with the best baseline measured beside it on validation (the last value,
 * a linear model of the window, 1-nearest-neighbour...), in a sentence; when it does not beat it,
 * says so plainly with what to try next. Null when the metrics hold no baseline.
 */
export function BaselineNote({ metrics, task }: { metrics: Record<string, number>; task: Task }) {
  const verdict = baselineVerdict(metrics, task);
  if (!verdict) return null;
  return (
    <div className={`baseline-note ${verdict.beats ? 'is-better' : 'is-worse'}`} data-testid="baseline-note" data-beats={verdict.beats ? 'true' : 'false'}>
      <div data-testid="baseline-verdict">{verdict.beats ? verdict.sentence : <strong>{verdict.sentence}</strong>}</div>
      {verdict.advice && (
        <div className="baseline-advice" data-testid="baseline-advice">
          <InlineCode text={verdict.advice} />
        </div>
      )}
    </div>
  );
}

/** Every metric named in `names`, one row each (a run's page, a version's page). */
export function MetricsTable({ metrics, names }: { metrics: Record<string, number>; names: string[] }) {
  return (
    <table className="table compact">
      <tbody>
        {names.map((n) => (
          <tr key={n}>
            <td>{n}</td>
            <td className="num mono">{fmtMetric(n, metrics[n])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
