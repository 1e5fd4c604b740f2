/** The datasets list: every imported dataset, the import button and recently imported files. */
import type { PickedFile } from '../../../shared/api';
import { fmtBytes, fmtCount, fmtLocalDate } from '../common/format';
import { EmptyState } from '../common/empty-state';
import { DatabaseIcon, ImportIcon } from '../common/icons';
import { useDatasets } from './dataset-queries';
import { RecentFiles } from './recent-files';

/** Renders the datasets table (click a row to open it), the import button and recent files. */
export function DatasetsPage({
  picking,
  onPickFile,
  onImportPath,
  onOpen,
}: {
  picking: boolean;
  onPickFile: () => void;
  onImportPath: (file: PickedFile) => void;
  onOpen: (id: number) => void;
}) {
  const datasets = useDatasets();
  return (
    <div className="page" data-testid="datasets-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">Datasets</h1>
          <p className="page-subtitle">Sensor recordings imported into this project. Open one to explore its signals.</p>
        </div>
        <button type="button" className="button primary" onClick={onPickFile} disabled={picking} data-testid="import-button">
          <ImportIcon />
          {picking ? 'Opening…' : 'Import file…'}
        </button>
      </div>

      <section className="card">
        {datasets === null ? (
          <div className="placeholder">Loading datasets…</div>
        ) : datasets.length === 0 ? (
          <EmptyState
            icon={<DatabaseIcon width={32} height={32} />}
            title="No datasets yet"
            action={{ label: 'Import file…', icon: <ImportIcon />, onClick: onPickFile, disabled: picking }}
            testId="datasets-empty"
          >
            Import a CSV, TSV, JSON or JSON Lines file of sensor readings. Long files (one time step per row) and wide files (one
            sequence per row) are both supported.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table clickable" data-testid="datasets-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Rows</th>
                  <th className="num">Entities</th>
                  <th>Format</th>
                  <th>Time column</th>
                  <th className="num">Size</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {datasets.map((d) => (
                  <tr
                    key={d.id}
                    onClick={() => onOpen(d.id)}
                    onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(d.id)}
                    tabIndex={0}
                    data-testid="dataset-row"
                    data-name={d.name}
                  >
                    <td className="strong">{d.name}</td>
                    <td className="num">{fmtCount(d.rows)}</td>
                    <td className="num">{fmtCount(d.entities)}</td>
                    <td>
                      <span className="tag">{d.format === 'wide' ? 'Wide' : 'Long'}</span>
                    </td>
                    <td>
                      {d.timeColumn ? (
                        <>
                          <code>{d.timeColumn}</code> <span className="muted">{d.timeKind}</span>
                        </>
                      ) : (
                        <span className="muted">row order</span>
                      )}
                    </td>
                    <td className="num muted">{d.sizeBytes > 0 ? fmtBytes(d.sizeBytes) : '—'}</td>
                    <td className="muted nowrap">{fmtLocalDate(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <RecentFiles onOpen={onImportPath} />
    </div>
  );
}
