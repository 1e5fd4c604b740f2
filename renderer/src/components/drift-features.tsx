/** A drift check's per-feature table: the test, its statistic against the threshold, the verdict, means and the other distances. */
import type { FeatureDrift } from '../../../shared/drift/types';
import { fmtCount, fmtNumber } from '../format';
import { fmtStatistic, testLabel } from '../drift-charts';

/** A "Drifted" / "No drift" badge. */
export function DriftBadge({ drifted, testId }: { drifted: boolean; testId?: string }) {
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
            <tr key={`${f.name}-${i}`} className={i === features.length ? 'drift-predictions-row' : undefined} data-testid="drift-feature" data-feature={f.name} data-drifted={String(f.drifted)}>
              <td className="strong">{f.name}</td>
              <td className="nowrap" title={testLabel(f.test).statistic}>
                {testLabel(f.test).short}
              </td>
              <td className="num mono">{fmtStatistic(f)}</td>
              <td className="nowrap muted">{testLabel(f.test).rule(f.threshold)}</td>
              <td>
                <DriftBadge drifted={f.drifted} />
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
