/** The application shell: sidebar, error banner, current page, status bar and the import dialog. */
import { useCallback, useMemo, useState } from 'react';
import type { PickedFile } from '../../../shared/api';
import type { DatasetDetail } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import { useRoute } from '../common/use-route';
import { useInvalidate } from '../common/use-operation';
import { ImportDialog } from '../datasets/import-dialog';
import { ErrorBanner } from './error-banner';
import { renderRoute, type Shell } from './routes';
import { Sidebar } from './sidebar';
import { StatusBar } from './status-bar';
import { UploadToast } from './upload-toast';

/** The whole app: the page of the current route, and the import flow any page can start. */
export function App() {
  const [route, navigate] = useRoute();
  const report = useReportError();
  const invalidate = useInvalidate();
  const [importFile, setImportFile] = useState<PickedFile | null>(null);
  const [picking, setPicking] = useState(false);

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
      invalidate('datasets', 'files');
      navigate({ page: 'dataset', id: detail.summary.id });
    },
    [invalidate, navigate],
  );

  const shell = useMemo<Shell>(() => ({ navigate, picking, pickFile: () => void pickFile(), importFile: setImportFile }), [navigate, picking, pickFile]);

  return (
    <div className="app">
      <Sidebar route={route} navigate={navigate} />
      <div className="main">
        <ErrorBanner />
        <main className="content" data-testid="content">
          {renderRoute(route, shell)}
        </main>
        <StatusBar />
      </div>
      {importFile && <ImportDialog file={importFile} onClose={() => setImportFile(null)} onImported={onImported} />}
      <UploadToast />
    </div>
  );
}
