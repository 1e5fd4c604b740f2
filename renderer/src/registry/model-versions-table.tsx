/** A model's versions, newest first: tick two to compare; deploy, export or delete one; click a row for its detail. */
import type { RegisteredModel } from '../../../shared/registry/types';
import { fmtCount, fmtLocalDate, fmtShortDate } from '../common/format';
import { modelsRoute } from '../common/route';
import { AliasBadges } from './alias-badges';
import { TrashIcon } from '../common/icons';
import type { RegistryActions } from './models-page';
import { ExportIcon } from '../common/registry-icons';
import { RunMetrics } from '../training/run-metrics';

/** Renders the table; `selected` holds the versions ticked for comparison (at most two). */
export function ModelVersionsTable({
  model,
  selected,
  onSelect,
  actions,
}: {
  model: RegisteredModel;
  selected: number[];
  onSelect: (versions: number[]) => void;
  actions: RegistryActions;
}) {
  const toggle = (v: number) => onSelect(selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v].slice(-2));
  const open = (v: number) => actions.navigate(modelsRoute(model.name, v));
  return (
    <section className="card" data-testid="model-versions">
      <div className="card-header">
        <h2 className="card-title">Versions</h2>
        <span className="muted small">Tick two to compare · click one for its lineage, curves and notes</span>
      </div>
      <div className="table-wrap">
        <table className="table compact clickable" data-testid="versions-table">
          <thead>
            <tr>
              <th className="check-col" aria-label="Compare" />
              <th>Version</th>
              <th>Created</th>
              <th>Dataset</th>
              <th title="Metrics on the validation split">Val. metrics</th>
              <th className="num">Parameters</th>
              <th>Aliases</th>
              <th>Tags</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {model.versions.map((v) => (
              <tr
                key={v.version}
                className={selected.includes(v.version) ? 'selected' : undefined}
                onClick={() => open(v.version)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && open(v.version)}
                tabIndex={0}
                data-testid="version-row"
                data-version={v.version}
              >
                <td className="check-col" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                  <input type="checkbox" checked={selected.includes(v.version)} onChange={() => toggle(v.version)} aria-label={`Compare v${v.version}`} data-testid="version-compare" />
                </td>
                <td className="strong nowrap">
                  v{v.version}
                  {v.source !== 'trained' && (
                    <span className="tag version-source" title={v.source === 'imported' ? 'Imported from an export file' : 'A converted Keras model'}>
                      {v.source}
                    </span>
                  )}
                </td>
                <td className="nowrap muted" title={fmtLocalDate(v.createdAt)}>
                  {fmtShortDate(v.createdAt)}
                </td>
                <td className="muted ellipsis registry-dataset" title={v.datasetName}>
                  {v.datasetName}
                </td>
                <td className="version-metrics">
                  <RunMetrics metrics={v.metrics} limit={2} />
                </td>
                <td className="num">{fmtCount(v.parameters)}</td>
                <td>
                  <AliasBadges aliases={v.aliases} empty={<span className="muted">—</span>} />
                </td>
                <td>
                  {v.tags.length > 0 ? (
                    <span className="tag-list">
                      {v.tags.map((t) => (
                        <span key={t} className="tag">
                          {t}
                        </span>
                      ))}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="row-actions nowrap" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                  <button type="button" className="button small" onClick={() => actions.deploy(v.version)} data-testid="version-deploy">
                    Deploy…
                  </button>
                  <button type="button" className="icon-button" onClick={() => actions.exportVersion(v.version)} aria-label={`Export v${v.version}`} title={`Export v${v.version} as a file`} data-testid="version-export">
                    <ExportIcon />
                  </button>
                  <button type="button" className="icon-button" onClick={() => actions.remove(v)} aria-label={`Delete v${v.version}`} title={`Delete v${v.version}`} data-testid="version-delete">
                    <TrashIcon />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
