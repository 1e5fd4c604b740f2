/** The application shell: sidebar, error banner, current page, status bar and the import dialog. */
import { useCallback, useEffect, useState } from 'react';
import type { PickedFile } from '../../shared/api';
import type { DatasetDetail, DatasetSummary } from '../../shared/dataset';
import { getApi } from './api-client';
import { DatasetPage } from './components/dataset-page';
import { DatasetsPage } from './components/datasets-page';
import { ErrorBanner } from './components/error-banner';
import { ImportDialog } from './components/import-dialog';
import { Sidebar } from './components/sidebar';
import { StatusBar } from './components/status-bar';
import { UploadToast } from './components/upload-toast';
import { useReportError } from './error-context';
import { useRoute } from './route';

/** The whole app: routes between the datasets list and one dataset, and owns the import flow. */
export function App() {
  const [route, navigate] = useRoute();
  const report = useReportError();
  const [importFile, setImportFile] = useState<PickedFile | null>(null);
  const [picking, setPicking] = useState(false);
  // Bumped whenever datasets change, so lists reload.
  const [revision, setRevision] = useState(0);
  const bump = useCallback(() => setRevision((r) => r + 1), []);
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);

  useEffect(() => {
    let stale = false;
    getApi()
      .datasets.list()
      .then(
        (list) => !stale && setDatasets(list),
        (err) => !stale && report('Loading the datasets', err),
      );
    return () => {
      stale = true;
    };
  }, [revision, report]);

  const pickFile = useCallback(async () => {
    setPicking(true);
    try {
      const picked = await getApi().dialog.openFile();
      if (picked) setImportFile(picked);
    } catch (err) {
      report('Opening a file', err);
    } finally {
      setPicking(false);
    }
  }, [report]);

  const onImported = useCallback(
    (detail: DatasetDetail) => {
      setImportFile(null);
      bump();
      navigate({ page: 'dataset', id: detail.summary.id });
    },
    [bump, navigate],
  );

  return (
    <div className="app">
      <Sidebar route={route} navigate={navigate} datasets={datasets} />
      <div className="main">
        <ErrorBanner />
        <main className="content" data-testid="content">
          {route.page === 'datasets' ? (
            <DatasetsPage
              datasets={datasets}
              revision={revision}
              picking={picking}
              onPickFile={pickFile}
              onImportPath={setImportFile}
              onOpen={(id) => navigate({ page: 'dataset', id })}
            />
          ) : (
            <DatasetPage
              key={route.id}
              id={route.id}
              onBack={() => navigate({ page: 'datasets' })}
              onChanged={bump}
              onDeleted={() => {
                bump();
                navigate({ page: 'datasets' });
              }}
            />
          )}
        </main>
        <StatusBar />
      </div>
      {importFile && <ImportDialog file={importFile} onClose={() => setImportFile(null)} onImported={onImported} />}
      <UploadToast />
    </div>
  );
}
