/** The route table: which page each route shows, and what the page is given to move on from it. */
import type { ReactNode } from 'react';
import type { PickedFile } from '../../../shared/api';
import { EvaluationPage } from '../analysis/evaluation-page';
import { ExplainPage } from '../analysis/explain-page';
import { ForecastPage } from '../analysis/forecast-page';
import { RiskPage } from '../analysis/risk-page';
import type { AnalysisRoute, Route } from '../common/route';
import { DatasetPage } from '../datasets/dataset-page';
import { DatasetsPage } from '../datasets/datasets-page';
import { DriftPage } from '../operations/drift-page';
import { MonitoringPage } from '../operations/monitoring-page';
import { ScoringPage } from '../operations/scoring-page';
import { ModelsPage } from '../registry/models-page';
import { ConfigurePage } from '../training/configure-page';
import { RunDetailPage } from '../training/run-detail-page';
import { RunsPage } from '../training/runs-page';
import { TrainPage } from '../training/train-page';
import { isFinished, useTrainSessions } from '../training/train-session';

/** What the shell gives every page: navigation and the import flow. */
export interface Shell {
  navigate(route: Route): void;
  /** True while the file dialog is open. */
  picking: boolean;
  /** Opens the file dialog, then the import dialog for the file picked. */
  pickFile(): void;
  /** Opens the import dialog for a known file (a recent one). */
  importFile(file: PickedFile): void;
}

type Page = Route['page'];
type RouteOf<P extends Page> = Extract<Route, { page: P }>;
type Render<P extends Page> = (route: RouteOf<P>, shell: Shell) => ReactNode;

/** The analysis pages by view (batch scoring has its own entry: it imports files). */
const ANALYSIS_PAGES = { evaluate: EvaluationPage, forecast: ForecastPage, explain: ExplainPage, risk: RiskPage, drift: DriftPage } as const;

/** Opens the Evaluation page on a model and the dataset it was trained on. */
const evaluate = (shell: Shell) => (model: string, datasetId: number) => shell.navigate({ page: 'analysis', view: 'evaluate', model, datasetId });

/** The run history; a run still training in this window opens on its live page. */
function RunsRoute({ shell }: { shell: Shell }) {
  const sessions = useTrainSessions();
  const live = (id: string) => sessions.some((s) => s.runId === id && !isFinished(s.status));
  return (
    <RunsPage
     
      onOpen={(r) => shell.navigate(live(r.id) ? { page: 'training', runId: r.id } : { page: 'run', id: r.id })}
      onTrain={() => shell.navigate({ page: 'configure', datasetId: null })}
    />
  );
}

/** Every route and its page. */
const ROUTES: { [P in Page]: Render<P> } = {
  datasets: (_route, shell) => (
    <DatasetsPage picking={shell.picking} onPickFile={shell.pickFile} onImportPath={shell.importFile} onOpen={(id) => shell.navigate({ page: 'dataset', id })} />
  ),
  dataset: (route, shell) => (
    <DatasetPage
      key={route.id}
      id={route.id}
      onBack={() => shell.navigate({ page: 'datasets' })}
      onTrain={() => shell.navigate({ page: 'configure', datasetId: route.id })}
      onDeleted={() => shell.navigate({ page: 'datasets' })}
    />
  ),
  configure: (route, shell) => (
    <ConfigurePage
      datasetId={route.datasetId}
     
      onDataset={(id) => shell.navigate({ page: 'configure', datasetId: id })}
      onStarted={(runId) => shell.navigate({ page: 'training', runId })}
    />
  ),
  training: (route, shell) => (
    <TrainPage
      key={route.runId}
      runId={route.runId}
      onOpenRun={(id) => shell.navigate({ page: 'run', id })}
      onConfigure={(datasetId) => shell.navigate({ page: 'configure', datasetId })}
      onRuns={() => shell.navigate({ page: 'runs' })}
      onEvaluate={evaluate(shell)}
    />
  ),
  runs: (_route, shell) => <RunsRoute shell={shell} />,
  run: (route, shell) => (
    <RunDetailPage
      key={route.id}
      id={route.id}
     
      onRuns={() => shell.navigate({ page: 'runs' })}
      onDataset={(id) => shell.navigate({ page: 'dataset', id })}
      onEvaluate={evaluate(shell)}
    />
  ),
  models: (route, shell) => <ModelsPage route={route} navigate={shell.navigate} />,
  monitoring: () => <MonitoringPage />,
  analysis: (route, shell) => {
    const navigate = shell.navigate as (r: AnalysisRoute) => void;
    if (route.view === 'score') return <ScoringPage route={route} navigate={navigate} />;
    const AnalysisPage = ANALYSIS_PAGES[route.view];
    return <AnalysisPage key={route.view} route={route} navigate={navigate} />;
  },
};

/** The page of a route. */
export function renderRoute(route: Route, shell: Shell): ReactNode {
  return (ROUTES[route.page] as Render<Page>)(route, shell);
}
