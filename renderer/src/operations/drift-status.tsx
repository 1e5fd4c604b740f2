/** The parts of the Drift page around the feature table: the verdict, predictions and performance, the alert state and recent checks. */
import type { DriftCheckSummary, DriftReport } from '../../../shared/drift/types';
import type { RegisteredModel } from '../../../shared/registry/types';
import { fmtCount, fmtLocalDate, fmtNumber, fmtPct } from '../common/format';
import { fmtStatistic, testLabel } from './drift-charts';
import { DriftBadge } from './drift-features';
import { StatCard } from '../common/stat-card';

/** The dataset's verdict, large: drifted or not, how many features, against which threshold. */
export function DriftVerdict({ report }: { report: DriftReport }) {
  const untested = report.features.filter((f) => f.untested !== undefined);
  const n = report.features.length - untested.length;
  const drifted = report.features.filter((f) => f.drifted).length;
  return (
    <section className={`card drift-verdict ${report.drifted ? 'is-drifted' : 'is-stable'}`} data-testid="drift-verdict" data-drifted={String(report.drifted)}>
      <div className="card-body drift-verdict-body">
        <div className="drift-verdict-word">{report.drifted ? 'Drifted' : 'No drift'}</div>
        <div>
          <p className="drift-verdict-lead">
            {fmtCount(drifted)} of {fmtCount(n)} {untested.length > 0 ? 'tested ' : ''}feature{n === 1 ? '' : 's'} drifted ({fmtPct(report.share, 0)}); the dataset counts as drifted from {fmtPct(report.shareThreshold, 0)}.
          </p>
          {untested.map((f) => (
            <p key={f.name} className="text-danger small" data-testid="drift-untested">
              Not tested: {f.name}: {f.untested}.
            </p>
          ))}
          <div className="meta-line muted">
            <span>
              {report.dataset.name} ({fmtCount(report.dataset.rows)} rows) against {report.model.name} v{report.model.version}&apos;s training data
            </span>
            <span>{fmtLocalDate(report.at)}</span>
          </div>
        </div>
      </div>
    </section>
  );
}

/** Prediction drift and performance drift as stat cards (each says when it could not be measured). */
export function DriftOutputs({ report }: { report: DriftReport }) {
  const p = report.predictions;
  const perf = report.performance;
  return (
    <div className="stat-grid drift-outputs">
      <StatCard
        label="Features drifted"
        value={`${report.features.filter((f) => f.drifted).length} / ${report.features.length}`}
        sub={`share ${fmtPct(report.share, 0)} · alert at ${fmtPct(report.shareThreshold, 0)}`}
        testId="drift-share"
      />
      <StatCard
        label="Prediction drift"
        value={p ? <DriftBadge drifted={p.drifted} testId="drift-predictions" /> : '—'}
        sub={p ? `predictions against the training targets: ${testLabel(p.test).short} ${fmtStatistic(p)}` : `cannot be checked: ${report.unchecked?.predictions ?? 'the model could not score the data'}`}
      />
      <StatCard
        label="Performance"
        value={perf ? <span className={`status-badge ${perf.degraded ? 'status-failed' : 'status-completed'}`} data-testid="drift-performance">{perf.degraded ? 'Degraded' : 'Holding'}</span> : '—'}
        sub={
          perf
            ? `${perf.metric} ${fmtNumber(perf.current)} on ${fmtCount(perf.windows)} windows vs ${fmtNumber(perf.reference)} at validation (${perf.ratio.toFixed(2)}×; degraded from ${perf.threshold}×)`
            : `cannot be checked: ${report.unchecked?.performance ?? 'the new data has no targets'}`
        }
      />
    </div>
  );
}

/** The model's drift threshold and whether its alert is raised (the last check of the version in production drifted). */
export function DriftAlertState({ model, threshold, onPolicy }: { model: RegisteredModel | null; threshold: number | null; onPolicy: () => void }) {
  const alert = model?.driftAlert ?? null;
  const production = model?.aliases.production;
  return (
    <section className={`card drift-alert-state${alert ? ' is-raised' : ''}`} data-testid="drift-alert-state" data-alert={alert ? 'raised' : 'none'}>
      <div className="card-header">
        <h2 className="card-title">Alert</h2>
        <span className={`status-badge ${alert ? 'status-failed' : 'status-completed'}`}>{alert ? 'Raised' : 'Not raised'}</span>
      </div>
      <div className="card-body small">
        {!model ? (
          <span className="muted">Choose a model.</span>
        ) : (
          <>
            <p>
              {model.name} raises a drift alert when a check of the version in production finds {threshold === null ? 'its threshold share' : `${fmtPct(threshold, 0)} or more`} of the features drifted.{' '}
              {production === undefined ? 'Nothing is in production yet, so no check raises it.' : `Production is v${production}.`}
            </p>
            {alert && (
              <p className="text-danger">
                The last check of v{alert.version} ({fmtLocalDate(alert.at)}) found {fmtPct(alert.share, 0)} drifted.
              </p>
            )}
            <button type="button" className="link" onClick={onPolicy} data-testid="drift-policy-link">
              Change the threshold in {model.name}&apos;s policy
            </button>
          </>
        )}
      </div>
    </section>
  );
}

/** The model's recorded checks, newest first; a click shows one. */
export function DriftChecks({ checks, shownId, onOpen }: { checks: DriftCheckSummary[] | null; shownId: number | null; onOpen: (id: number) => void }) {
  return (
    <section className="card" data-testid="drift-checks">
      <div className="card-header">
        <h2 className="card-title">Recent checks</h2>
        <span className="muted small">Every version of this model · click one to show it</span>
      </div>
      {!checks || checks.length === 0 ? (
        <div className="placeholder">{checks ? 'No drift check has been run for this model yet.' : 'Loading…'}</div>
      ) : (
        <div className="table-wrap drift-checks-wrap">
          <table className="table compact clickable">
            <thead>
              <tr>
                <th>Time</th>
                <th>Version</th>
                <th>Dataset</th>
                <th>Verdict</th>
                <th className="num">Share</th>
                <th>Drifted features</th>
              </tr>
            </thead>
            <tbody>
              {checks.slice(0, 20).map((c) => (
                <tr key={c.id} className={c.id === shownId ? 'selected' : undefined} onClick={() => onOpen(c.id)} onKeyDown={(e) => e.key === 'Enter' && onOpen(c.id)} tabIndex={0} data-testid="drift-check-row">
                  <td className="nowrap muted">{fmtLocalDate(c.at)}</td>
                  <td>v{c.model.version}</td>
                  <td className="ellipsis registry-dataset" title={c.dataset.name}>
                    {c.dataset.name}
                  </td>
                  <td>
                    <DriftBadge drifted={c.drifted} />
                  </td>
                  <td className="num">{fmtPct(c.share, 0)}</td>
                  <td className="small">{c.driftedFeatures.join(', ') || <span className="muted">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
