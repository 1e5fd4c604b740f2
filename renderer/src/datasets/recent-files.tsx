/** Recently imported files; clicking one opens the import dialog for it again. */
import type { PickedFile } from '../../../shared/api';
import { fmtLocalDate } from '../common/format';
import { FileIcon } from '../common/icons';
import { useRecentFiles } from './dataset-queries';

/** Renders the recent files card, or nothing when there are none. */
export function RecentFiles({ onOpen }: { onOpen: (file: PickedFile) => void }) {
  const files = useRecentFiles();
  if (files.length === 0) return null;
  return (
    <section className="card" data-testid="recent-files">
      <div className="card-header">
        <h2 className="card-title">Recent files</h2>
        <span className="muted small">Click to import again with different options</span>
      </div>
      <ul className="file-list">
        {files.map((f) => (
          <li key={f.path}>
            <button type="button" className="file-item" onClick={() => onOpen({ path: f.path, name: f.name })} title={f.path}>
              <FileIcon />
              <span className="file-name">{f.name}</span>
              <span className="file-path ellipsis">{f.path}</span>
              <span className="muted small nowrap">{fmtLocalDate(f.openedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
