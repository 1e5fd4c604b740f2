/** A drift check's per-feature table (the test, its statistic against the threshold, the verdict, means, other distances) and each feature's two distributions. */
import { useMemo, useState } from 'react';
import type { DriftReport, FeatureDrift } from '../../../shared/drift/types';
import { fmtCount, fmtNumber } from '../common/format';
import { driftBinsChart, fmtStatistic, testLabel } from './drift-charts';
import { Plot } from '../common/plot';

/** A "Drifted" / "No drift" badge ("Not tested", with the reason on hover, when the feature could not be tested). */
export function DriftBadge({ drifted, untested, testId }: { drifted: boolean; untested?: string; testId?: string }) {
  if (untested !== undefined) {
    return (
      <span className="status-badge status-cancelled" title={`Not tested: ${untested}`} data-testid={testId}>
        Not tested
      </span>
    );
  }
  return (
    <span className={`status-badge ${drifted ? 'status-failed' : 'status-completed'}`} data-testid={testId}>
      {drifted ? 'Drifted' : 'No drift'}
    </span>
  );
}

/** One row per feature (and one for the predictions, when given). */
export function DriftFeatureTable({ features, predictions }: { features: FeatureDrift[]; predictions: FeatureDrift | null }) {
  const rows = predictions ? [...features, { ...predictions, name: 'predictions' }] : features;
  return (
    <div className="table-wrap">
      <table className="table compact" data-testid="drift-features">
        <thead>
          <tr>
            <th>Feature</th>
            <th>Test</th>
            <th className="num">Statistic</th>
            <th>Threshold</th>
            <th>Drifted</th>
            <th className="num">Training mean</th>
            <th className="num">New mean</th>
            <th className="num" title="Kolmogorov-Smirnov distance: the largest gap between the two cumulative distributions">KS D</th>
            <th className="num" title="Population stability index over the training deciles">PSI</th>
            <th className="num" title="Values compared: the training sample and the new data">Values</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f, i) => (
            <tr key={`${f.name}-${i}`} className={i === features.length ? 'drift-predictions-row' : undefined} data-testid="drift-feature" data-feature={f.name} data-drifted={f.untested !== undefined ? 'untested' : String(f.drifted)} title={f.untested}>
              <td className="strong">{f.name}</td>
              <td className="nowrap" title={testLabel(f.test).statistic}>
                {testLabel(f.test).short}
              </td>
              <td className="num mono">{fmtStatistic(f)}</td>
              <td className="nowrap muted">{testLabel(f.test).rule(f.threshold)}</td>
              <td>
                <DriftBadge drifted={f.drifted} untested={f.untested} />
              </td>
              <td className="num mono">{fmtNumber(f.referenceMean)}</td>
              <td className="num mono">{fmtNumber(f.currentMean)}</td>
              <td className="num mono">{fmtNumber(f.ksDistance)}</td>
              <td className="num mono">{fmtNumber(f.psi)}</td>
              <td className="num">
                {fmtCount(f.referenceCount)} / {fmtCount(f.currentCount)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The training and new distributions of a chosen feature (or of the predictions) over the training
 * deciles; the first drifted one is shown first. Nothing for checks recorded without their bins.
 */
export function DriftDistributions({ report }: { report: DriftReport }) {
  const choices = useMemo(() => {
    const all = report.predictions ? [...report.features, { ...report.predictions, name: 'predictions' }] : report.features;
    return all.filter((f): f is FeatureDrift & { bins: NonNullable<FeatureDrift['bins']> } => f.bins !== undefined);
  }, [report]);
  const first = choices.find((f) => f.drifted) ?? choices[0];
  const [picked, setPicked] = useState<string | null>(null);
  const f = choices.find((c) => c.name === picked) ?? first;
  const chart = useMemo(() => (f ? driftBinsChart(f) : null), [f]);
  if (!f || !chart) return null;
  return (
    <section className="card" data-testid="drift-distributions" data-feature={f.name}>
      <div className="card-header">
        <h2 className="card-title">Training against new data</h2>
        <div className="card-header-tools">
          <span className="muted small">Share of values per training decile (PSI {fmtNumber(f.psi)})</span>
          <select value={f.name} onChange={(e) => setPicked(e.target.value)} aria-label="Feature" data-testid="drift-distribution-feature">
            {choices.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
                {c.drifted ? ' (drifted)' : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Plot data={chart.data} layout={chart.layout} testId="drift-bins-chart" filename={`drift-${report.model.name}-${f.name}`} />
    </section>
  );
}
