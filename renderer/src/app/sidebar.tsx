/** The left sidebar: product name, navigation, quick links to datasets and runs training in this window. */
import type { ReactNode } from 'react';
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

/** One entry of the main navigation: icon, label, an optional count; marked when its page is shown. */
function NavItem({ active, onClick, testId, icon, label, count }: { active: boolean; onClick: () => void; testId: string; icon: ReactNode; label: string; count?: number }) {
  return (
    <button type="button" className={`nav-item${active ? ' active' : ''}`} onClick={onClick} data-testid={testId} aria-current={active ? 'page' : undefined}>
      {icon}
      <span>{label}</span>
      {count !== undefined && <span className="nav-count">{count}</span>}
    </button>
  );
}

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
        <NavItem active={route.page === 'datasets'} onClick={() => navigate({ page: 'datasets' })} testId="nav-datasets" icon={<DatabaseIcon />} label="Datasets" count={datasets?.length} />
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
        <NavItem active={trainPages.includes(route.page)} onClick={() => navigate({ page: 'configure', datasetId: route.page === 'dataset' ? route.id : null })} testId="nav-train" icon={<NetworkIcon />} label="Train" />
        <NavItem active={runPages.includes(route.page)} onClick={() => navigate({ page: 'runs' })} testId="nav-runs" icon={<HistoryIcon />} label="Runs" />
        <NavItem active={route.page === 'models'} onClick={() => navigate(modelsRoute())} testId="nav-models" icon={<ModelIcon />} label="Registry" />
        <NavItem active={route.page === 'monitoring'} onClick={() => navigate({ page: 'monitoring' })} testId="nav-monitoring" icon={<PulseIcon />} label="Monitoring" />
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
            <NavItem
              key={view}
              active={active}
              // The chosen model and dataset carry over between the analysis pages.
              onClick={() => navigate(route.page === 'analysis' ? { ...route, view } : { page: 'analysis', view, model: null, datasetId: null })}
              testId={`nav-${view}`}
              icon={<Icon />}
              label={label}
            />
          );
        })}
      </nav>
    </aside>
  );
}
