/** Recently imported files; clicking one opens the import dialog for it again. */
import { useEffect, useState } from 'react';
import type { PickedFile, RecentFile } from '../../../shared/api';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import { fmtLocalDate } from '../common/format';
import { FileIcon } from '../common/icons';

/** Renders the recent files card, or nothing when there are none. */
export function RecentFiles({ revision, onOpen }: { revision: number; onOpen: (file: PickedFile) => void }) {
  const report = useReportError();
  const [files, setFiles] = useState<RecentFile[]>([]);
  useEffect(() => {
    let stale = false;
    getApi()
      .files.recent()
      .then(
        (list) => !stale && setFiles(list),
        (err) => !stale && report('Loading recent files', err),
      );
    return () => {
      stale = true;
    };
  }, [revision, report]);
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
