/** The bottom status bar: where the app runs and keeps its data, from `app:info`. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api';
import { getApi } from '../api-client';
import { useReportError } from '../error-context';

const MODE_LABEL: Record<AppInfo['mode'], string> = {
  desktop: 'Desktop',
  browser: 'Browser mode',
  cli: 'CLI',
};

/** Renders mode, version, platform and home folder. */
export function StatusBar() {
  const report = useReportError();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    getApi()
      .app.info()
      .then(setInfo, (err) => report('Reading app information', err));
  }, [report]);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {info ? (
        <>
          <span className="status-item">
            <span className="status-dot" aria-hidden="true" />
            <span data-testid="status-mode">{MODE_LABEL[info.mode] ?? info.mode}</span>
          </span>
          <span className="status-item">v{info.version}</span>
          <span className="status-item">{info.platform}</span>
          <span className="status-item status-home" title={info.dbPath}>
            Home: <code>{info.home}</code>
          </span>
        </>
      ) : (
        <span className="status-item muted">Connecting…</span>
      )}
    </footer>
  );
}
