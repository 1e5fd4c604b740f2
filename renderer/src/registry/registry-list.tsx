/** The registry by model name: versions, where the aliases point, the latest version's metrics and alerts. */
import type { RegisteredModel } from '../../../shared/registry/types';
import { fmtCount, fmtLocalDate, fmtPct } from '../common/format';
import { AliasBadge, aliasEntries } from './alias-badges';
import { EmptyState } from '../common/empty-state';
import { RunMetrics } from '../training/run-metrics';
import { ModelIcon, PlayIcon } from '../common/train-icons';

/** The drift alert of a model as a badge, or nothing. */
export function DriftAlertBadge({ alert }: { alert: RegisteredModel['driftAlert'] }) {
  if (!alert) return null;
  return (
    <span
      className="status-badge status-failed"
      title={`The last drift check of v${alert.version} (${fmtLocalDate(alert.at)}) found ${fmtPct(alert.share, 0)} of features drifted; the alert threshold is ${fmtPct(alert.threshold, 0)}.`}
      data-testid="drift-alert"
    >
      Drift {fmtPct(alert.share, 0)}
    </span>
  );
}

/** The table of registered models; a click opens one. */
export function RegistryList({ models, onOpen, onTrain }: { models: RegisteredModel[] | null; onOpen: (name: string) => void; onTrain: () => void }) {
  return (
    <section className="card">
      {models === null ? (
        <div className="placeholder">Loading the registry…</div>
      ) : models.length === 0 ? (
        <EmptyState icon={<ModelIcon width={32} height={32} />} title="No models yet" action={{ label: 'Train a model', icon: <PlayIcon />, onClick: onTrain }} testId="registry-empty">
          Every model you train (or import) becomes a version of a named model here, with its lineage, metrics and aliases such as production.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table compact clickable" data-testid="registry-table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Task</th>
                <th className="num">Versions</th>
                <th>Aliases</th>
                <th title="Validation metrics of the newest version">Latest</th>
                <th>Trained on</th>
                <th>Alerts</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => {
                const latest = m.versions.find((v) => v.version === m.latest) ?? m.versions[0];
                return (
                  <tr
                    key={m.name}
                    onClick={() => onOpen(m.name)}
                    onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(m.name)}
                    tabIndex={0}
                    data-testid="registry-row"
                    data-model={m.name}
                  >
                    <td className="strong">{m.name}</td>
                    <td>
                      <span className="tag">{m.task}</span>
                    </td>
                    <td className="num">{fmtCount(m.versions.length)}</td>
                    <td>
                      <span className="alias-badges">
                        {aliasEntries(m.aliases).map(([a, v]) => (
                          <AliasBadge key={a} alias={a} version={v} />
                        ))}
                        {Object.keys(m.aliases).length === 0 && <span className="muted small">not deployed</span>}
                      </span>
                    </td>
                    <td>
                      {latest ? (
                        <span className="nowrap">
                          <span className="tag">v{latest.version}</span> <RunMetrics metrics={latest.metrics} limit={2} />
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="muted ellipsis registry-dataset" title={latest?.datasetName}>
                      {latest?.datasetName ?? '—'}
                    </td>
                    <td>{m.driftAlert ? <DriftAlertBadge alert={m.driftAlert} /> : <span className="muted small">none</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
