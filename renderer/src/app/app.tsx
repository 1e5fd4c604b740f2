/** The application shell: sidebar, error banner, current page, status bar and the import dialog. */
import { useCallback, useEffect, useState } from 'react';
import type { PickedFile } from '../../../shared/api';
import type { DatasetDetail, DatasetSummary } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { DatasetPage } from '../datasets/dataset-page';
import { DatasetsPage } from '../datasets/datasets-page';
import { ErrorBanner } from './error-banner';
import { DriftPage } from '../operations/drift-page';
import { EvaluationPage } from '../analysis/evaluation-page';
import { ExplainPage } from '../analysis/explain-page';
import { ForecastPage } from '../analysis/forecast-page';
import { RiskPage } from '../analysis/risk-page';
import { ScoringPage } from '../operations/scoring-page';
import { ConfigurePage } from '../training/configure-page';
import { ImportDialog } from '../datasets/import-dialog';
import { ModelsPage } from '../registry/models-page';
import { MonitoringPage } from '../operations/monitoring-page';
import { RunDetailPage } from '../training/run-detail-page';
import { RunsPage } from '../training/runs-page';
import { Sidebar } from './sidebar';
import { StatusBar } from './status-bar';
import { TrainPage } from '../training/train-page';
import { UploadToast } from './upload-toast';
import { useReportError } from '../common/error-context';
import { useRoute, type AnalysisRoute } from '../common/route';
import { isFinished, useTrainSessions } from '../training/train-session';

/** The analysis pages, by view. */
const ANALYSIS_PAGES = { evaluate: EvaluationPage, forecast: ForecastPage, explain: ExplainPage, risk: RiskPage, drift: DriftPage, score: null } as const;

/** The whole app: routes between the datasets, training, run, models and analysis pages, and owns the import flow. */
export function App() {
  const [route, navigate] = useRoute();
  const report = useReportError();
  const [importFile, setImportFile] = useState<PickedFile | null>(null);
  const [picking, setPicking] = useState(false);
  // Bumped whenever datasets change, so lists reload.
  const [revision, setRevision] = useState(0);
  const bump = useCallback(() => setRevision((r) => r + 1), []);
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const sessions = useTrainSessions();
  const evaluate = useCallback((model: string, datasetId: number) => navigate({ page: 'analysis', view: 'evaluate', model, datasetId }), [navigate]);
  const AnalysisPage = route.page === 'analysis' ? ANALYSIS_PAGES[route.view] : null;

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
          ) : route.page === 'dataset' ? (
            <DatasetPage
              key={route.id}
              id={route.id}
              onBack={() => navigate({ page: 'datasets' })}
              onTrain={() => navigate({ page: 'configure', datasetId: route.id })}
              onChanged={bump}
              onDeleted={() => {
                bump();
                navigate({ page: 'datasets' });
              }}
            />
          ) : route.page === 'configure' ? (
            <ConfigurePage
              datasetId={route.datasetId}
              datasets={datasets}
              onDataset={(id) => navigate({ page: 'configure', datasetId: id })}
              onStarted={(runId) => navigate({ page: 'training', runId })}
            />
          ) : route.page === 'training' ? (
            <TrainPage
              key={route.runId}
              runId={route.runId}
              onOpenRun={(id) => navigate({ page: 'run', id })}
              onConfigure={(datasetId) => navigate({ page: 'configure', datasetId })}
              onRuns={() => navigate({ page: 'runs' })}
              onEvaluate={evaluate}
            />
          ) : route.page === 'runs' ? (
            <RunsPage
              datasets={datasets}
              onOpen={(r) =>
                navigate(sessions.some((s) => s.runId === r.id && !isFinished(s.status)) ? { page: 'training', runId: r.id } : { page: 'run', id: r.id })
              }
              onTrain={() => navigate({ page: 'configure', datasetId: null })}
            />
          ) : route.page === 'models' ? (
            <ModelsPage route={route} datasets={datasets} navigate={navigate} />
          ) : route.page === 'monitoring' ? (
            <MonitoringPage datasets={datasets} />
          ) : route.page === 'analysis' && route.view === 'score' ? (
            <ScoringPage route={route} datasets={datasets} navigate={navigate as (r: AnalysisRoute) => void} onImported={bump} />
          ) : AnalysisPage && route.page === 'analysis' ? (
            <AnalysisPage key={route.view} route={route} datasets={datasets} navigate={navigate as (r: AnalysisRoute) => void} />
          ) : route.page === 'run' ? (
            <RunDetailPage
              key={route.id}
              id={route.id}
              datasets={datasets}
              onRuns={() => navigate({ page: 'runs' })}
              onDataset={(id) => navigate({ page: 'dataset', id })}
              onEvaluate={evaluate}
            />
          ) : null}
        </main>
        <StatusBar />
      </div>
      {importFile && <ImportDialog file={importFile} onClose={() => setImportFile(null)} onImported={onImported} />}
      <UploadToast />
    </div>
  );
}
