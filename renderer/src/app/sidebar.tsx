/** The left sidebar: product name, navigation, quick links to datasets and runs training in this window. */
import { modelsRoute, type AnalysisView, type Route } from '../common/route';
import { runFraction } from '../training/train-history';
import { isFinished, useTrainSessions } from '../training/train-session';
import { LensIcon, RiskIcon, TargetIcon, TrendIcon } from '../common/analysis-icons';
import { ChartIcon, DatabaseIcon, LogoIcon } from '../common/icons';
import { DriftIcon, PulseIcon, ScoreIcon } from '../common/registry-icons';
import { HistoryIcon, ModelIcon, NetworkIcon } from '../common/train-icons';
import { useDatasets } from '../datasets/dataset-queries';

const QUICK_LINKS = 12;

/** The analysis pages in the sidebar. */
const ANALYSES: { view: AnalysisView; label: string; Icon: typeof TargetIcon }[] = [
  { view: 'evaluate', label: 'Evaluate', Icon: TargetIcon },
  { view: 'forecast', label: 'Forecast', Icon: TrendIcon },
  { view: 'explain', label: 'Explain', Icon: LensIcon },
  { view: 'risk', label: 'Fleet risk', Icon: RiskIcon },
  { view: 'drift', label: 'Drift', Icon: DriftIcon },
  { view: 'score', label: 'Batch scoring', Icon: ScoreIcon },
];

/** Renders the sidebar; highlights the current page and lists datasets and live runs for quick switching. */
export function Sidebar({
  route,
  navigate,
}: {
  route: Route;
  navigate: (r: Route) => void;
}) {
  const datasets = useDatasets();
  const shown = (datasets ?? []).slice(0, QUICK_LINKS);
  const live = useTrainSessions().filter((t) => !isFinished(t.status));
  const trainPages: Route['page'][] = ['configure'];
  const runPages: Route['page'][] = ['runs', 'run'];
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="brand">
        <LogoIcon />
        <div>
          <div className="brand-name">LSTM Studio</div>
          <div className="brand-sub">Sensor time series</div>
        </div>
      </div>
      <nav className="nav" aria-label="Main">
        <div className="nav-section">Data</div>
        <button
          type="button"
          className={`nav-item${route.page === 'datasets' ? ' active' : ''}`}
          onClick={() => navigate({ page: 'datasets' })}
          data-testid="nav-datasets"
          aria-current={route.page === 'datasets' ? 'page' : undefined}
        >
          <DatabaseIcon />
          <span>Datasets</span>
          {datasets && <span className="nav-count">{datasets.length}</span>}
        </button>
        {shown.length > 0 && (
          <div className="nav-sub">
            {shown.map((d) => {
              const active = route.page === 'dataset' && route.id === d.id;
              return (
                <button
                  type="button"
                  key={d.id}
                  className={`nav-subitem${active ? ' active' : ''}`}
                  onClick={() => navigate({ page: 'dataset', id: d.id })}
                  title={d.name}
                  aria-current={active ? 'page' : undefined}
                >
                  <ChartIcon />
                  <span className="ellipsis">{d.name}</span>
                </button>
              );
            })}
          </div>
        )}
        <div className="nav-section">Models</div>
        <button
          type="button"
          className={`nav-item${trainPages.includes(route.page) ? ' active' : ''}`}
          onClick={() => navigate({ page: 'configure', datasetId: route.page === 'dataset' ? route.id : null })}
          data-testid="nav-train"
          aria-current={trainPages.includes(route.page) ? 'page' : undefined}
        >
          <NetworkIcon />
          <span>Train</span>
        </button>
        <button
          type="button"
          className={`nav-item${runPages.includes(route.page) ? ' active' : ''}`}
          onClick={() => navigate({ page: 'runs' })}
          data-testid="nav-runs"
          aria-current={runPages.includes(route.page) ? 'page' : undefined}
        >
          <HistoryIcon />
          <span>Runs</span>
        </button>
        <button
          type="button"
          className={`nav-item${route.page === 'models' ? ' active' : ''}`}
          onClick={() => navigate(modelsRoute())}
          data-testid="nav-models"
          aria-current={route.page === 'models' ? 'page' : undefined}
        >
          <ModelIcon />
          <span>Registry</span>
        </button>
        <button
          type="button"
          className={`nav-item${route.page === 'monitoring' ? ' active' : ''}`}
          onClick={() => navigate({ page: 'monitoring' })}
          data-testid="nav-monitoring"
          aria-current={route.page === 'monitoring' ? 'page' : undefined}
        >
          <PulseIcon />
          <span>Monitoring</span>
        </button>
        {live.length > 0 && (
          <div className="nav-sub">
            {live.map((t) => {
              const active = route.page === 'training' && route.runId === t.runId;
              const fraction = runFraction(t.history.last);
              return (
                <button
                  type="button"
                  key={t.runId}
                  className={`nav-subitem${active ? ' active' : ''}`}
                  onClick={() => navigate({ page: 'training', runId: t.runId })}
                  title={`Training on ${t.datasetName}`}
                  data-testid="nav-live-run"
                >
                  <span className="live-dot" aria-hidden="true" />
                  <span className="ellipsis">{t.datasetName}</span>
                  <span className="nav-count">{fraction === null ? '…' : `${Math.floor(fraction * 100)}%`}</span>
                </button>
              );
            })}
          </div>
        )}
        <div className="nav-section">Analysis</div>
        {ANALYSES.map(({ view, label, Icon }) => {
          const active = route.page === 'analysis' && route.view === view;
          return (
            <button
              type="button"
              key={view}
              className={`nav-item${active ? ' active' : ''}`}
              // The chosen model and dataset carry over between the analysis pages.
              onClick={() => navigate(route.page === 'analysis' ? { ...route, view } : { page: 'analysis', view, model: null, datasetId: null })}
              data-testid={`nav-${view}`}
              aria-current={active ? 'page' : undefined}
            >
              <Icon />
              <span>{label}</span>
            </button>
          );
        })}
      </nav>
    </aside>
  );
}
