/** The bottom status bar: where the app runs and keeps its data (`app:info`) and the engine backend (`engine:info`). */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api';
import type { EngineInfo } from '../../../shared/model/training';
import { getApi } from '../common/api-client';
import { errorMessage, useReportError } from '../common/error-context';
import { InfoIcon } from '../common/icons';

const MODE_LABEL: Record<AppInfo['mode'], string> = {
  desktop: 'Desktop',
  browser: 'Browser mode',
  cli: 'CLI',
};

/** The engine backend, with its note (why a faster one is not in use) or the error as its tooltip. */
function EngineStatus() {
  const [engine, setEngine] = useState<EngineInfo | string | null>(null);
  useEffect(() => {
    getApi()
      .engine.info()
      .then(setEngine, (err) => setEngine(errorMessage(err)));
  }, []);
  if (engine === null) return null;
  if (typeof engine === 'string') {
    return (
      <span className="status-item muted" title={engine} data-testid="status-engine">
        Engine: unavailable
      </span>
    );
  }
  const tip = [`TensorFlow.js ${engine.tfjsVersion}, ${engine.backend} backend`, engine.note].filter(Boolean).join('\n');
  return (
    <span className="status-item" title={tip} data-testid="status-engine">
      Engine: <strong className="status-engine">{engine.backend}</strong>
      {engine.note && <InfoIcon width={12} height={12} className="status-note" />}
    </span>
  );
}

/** Renders mode, version, platform, engine backend and home folder. */
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
          <EngineStatus />
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
